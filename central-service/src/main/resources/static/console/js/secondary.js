// A SECONDARY zone's page: its masters, when central last stored a transfer from them, why the
// last pull failed, and a button to pull now (POST /v2/zones/{id}/tasks/xfr). See
// docs/secondary-zones.md.
import { api } from './api.js';
import { h, replace, announce, problem, time } from './dom.js';
import { registerZonePanel } from './extensions.js';

registerZonePanel({
  id: 'secondary',
  title: 'Masters and transfers',
  applies: (zone) => zone.type === 'SECONDARY',
  render(container, zone) {
    const facts = h('dl', { id: 'secondary-facts', class: 'summary' });
    const outcome = h('p', { id: 'xfr-status', role: 'status' });
    const pull = h('button', { id: 'zone-xfr', type: 'button' }, 'Transfer now');
    pull.addEventListener('click', async () => {
      try {
        await api('POST', `/v2/zones/${zone.id}/tasks/xfr`);
        replace(outcome, 'zonecast was asked to pull the zone from its masters; the page shows the transfer when it is stored.');
        announce('Transfer asked for');
      } catch (error) {
        replace(outcome, problem(error));
      }
    });
    const show = (current) => {
      replace(
        facts,
        h('dt', {}, 'Masters'),
        h('dd', {}, h('ul', { id: 'zone-masters', class: 'records' }, (current.masters || []).map((m) => h('li', {}, h('code', {}, m))))),
        h('dt', {}, 'Last transfer'),
        h('dd', { id: 'zone-transferred-at' }, current.transferred_at ? time(current.transferred_at) : 'none yet'),
        h('dt', {}, 'Serial'),
        h('dd', {}, current.transferred_at ? `${current.serial} (the master’s)` : '— (no transfer yet)'),
        h('dt', {}, 'Last pull'),
        h('dd', { id: 'zone-last-pull' }, current.status_message ? h('span', { class: 'status-message' }, current.status_message) : 'no error')
      );
    };
    container.append(
      h('p', { class: 'help' }, 'zonecast pulls this zone from its masters (their NOTIFY, the SOA refresh, or on demand) and the pool serves what it pulled.'),
      facts,
      h('div', { class: 'actions' }, pull),
      outcome
    );
    show(zone);
    return show;
  },
});
