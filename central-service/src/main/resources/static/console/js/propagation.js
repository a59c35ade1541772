// Propagation, live: per nameserver of the zone's pool, the serial it was last seen serving and
// the outcome of the pool manager's last poll (GET /v2/zones/{id}/propagation), refreshed by the
// zone page's polling.
import { h, replace, badge, time } from './dom.js';

export function propagationPanel(container, zone) {
  const summary = h('p', { id: 'propagation-summary' });
  const table = h('table', { id: 'propagation' });
  replace(
    container,
    h('h2', { id: 'propagation-title' }, 'Propagation'),
    h('p', { class: 'help' }, 'What each name server of the pool serves, as the pool manager last saw it. This page follows it by itself.'),
    summary,
    table
  );
  const update = (current, state) => {
    if (!state) {
      replace(summary, 'No propagation state is known for this zone yet.');
      replace(table);
      return;
    }
    const target = state.target_serial ?? current.serial;
    const inSync = state.nameservers.filter((ns) => ns.serial !== null && ns.serial >= target).length;
    replace(
      summary,
      badge(current.status), ' ',
      `serial ${current.serial}; ${inSync} of ${state.nameservers.length} name servers serve it`,
      state.state ? ` · propagation ${state.state.toLowerCase()}` : '',
      state.updated_at ? ` · updated ${time(state.updated_at)}` : ''
    );
    replace(
      table,
      h('caption', { class: 'visually-hidden' }, 'Name servers of the pool'),
      h('thead', {}, h('tr', {}, ['Name server', 'Serial served', 'Last poll', 'Polling for', 'Seen'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        state.nameservers.map((ns) =>
          h(
            'tr',
            { 'data-nameserver': ns.nameserver },
            h('th', { scope: 'row' }, h('code', {}, ns.nameserver)),
            h('td', { class: 'number' }, ns.serial ?? '—', ns.serial !== null && ns.serial >= target ? h('span', { class: 'ok' }, ' ✓ current') : ''),
            h('td', {}, ns.outcome ? badge(ns.outcome, 'outcome') : 'not polled yet'),
            h('td', { class: 'number' }, ns.polling_serial ?? '—'),
            h('td', {}, time(ns.updated_at))
          )
        )
      )
    );
  };
  update(zone, null);
  return update;
}
