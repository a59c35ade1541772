// Zones: the list (search, status filter, paging by Designate's marker links), the create and
// edit form, and a zone's page with its propagation and its recordsets.
import { api, localPath } from './api.js';
import { h, replace, badge, announce, confirmAction, field, clearErrors, showError, formError, time, problem } from './dom.js';
import { every } from './lifecycle.js';
import { propagationPanel } from './propagation.js';
import { recordsetsPanel } from './records.js';
import { exportZone } from './tasks.js';
import { registeredZonePanels } from './extensions.js';

const PAGE_SIZE = 20;
const LIST_REFRESH_MS = 3000;
export const ZONE_REFRESH_MS = 1500;

// the zone a form just wrote, shown at once on its page (PENDING) before the first poll
const justWritten = new Map();

export async function zonesPage(main) {
  document.title = 'Zones · zonecast console';
  const search = h('input', { id: 'zone-search', type: 'search', name: 'search', placeholder: 'part of a name' });
  const status = h(
    'select',
    { id: 'zone-status-filter', name: 'status' },
    ['', 'ACTIVE', 'PENDING', 'ERROR'].map((s) => h('option', { value: s }, s || 'any'))
  );
  const table = h('table', { id: 'zones' });
  const pager = h('div', { class: 'pager' });
  const state = { markers: [null], page: 0 };

  const load = async () => {
    const query = new URLSearchParams({ limit: PAGE_SIZE, sort_key: 'name', sort_dir: 'asc' });
    const term = search.value.trim();
    if (term) query.set('name', term.includes('*') ? term : `*${term}*`);
    if (status.value) query.set('status', status.value);
    const marker = state.markers[state.page];
    if (marker) query.set('marker', marker);
    let body;
    try {
      body = await api('GET', `/v2/zones?${query}`);
    } catch (error) {
      replace(table, h('caption', {}, problem(error)));
      return false;
    }
    renderZones(table, body, term);
    const next = body.links && body.links.next ? new URL(body.links.next).searchParams.get('marker') : null;
    state.markers[state.page + 1] = next;
    replace(
      pager,
      h('button', { id: 'zones-prev', type: 'button', disabled: state.page === 0, onclick: () => { state.page -= 1; load(); } }, 'Previous page'),
      h('span', {}, `Page ${state.page + 1}`),
      h('button', { id: 'zones-next', type: 'button', disabled: !next, onclick: () => { state.page += 1; load(); } }, 'Next page')
    );
    return body.zones.some((z) => z.status !== 'ACTIVE');
  };

  const filters = h(
    'form',
    { id: 'zone-filters', class: 'toolbar', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'zone-search' }, 'Search by name'), search),
    h('div', { class: 'field' }, h('label', { for: 'zone-status-filter' }, 'Status'), status),
    h('button', { type: 'submit' }, 'Search')
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    state.markers = [null];
    state.page = 0;
    load();
  });
  status.addEventListener('change', () => filters.requestSubmit());

  replace(
    main,
    h('div', { class: 'title' }, h('h1', {}, 'Zones'), h('a', { id: 'zone-create', class: 'button', href: '#/zones/new' }, 'Create zone')),
    filters,
    table,
    pager
  );
  let changing = await load();
  // while a zone of the page is on its way, the page follows it
  every(LIST_REFRESH_MS, async () => {
    if (changing) changing = await load();
  });
}

function renderZones(table, body, term) {
  const total = body.metadata ? body.metadata.total_count : body.zones.length;
  replace(
    table,
    h('caption', {}, `${total} zone${total === 1 ? '' : 's'}${term ? ` matching “${term}”` : ''}`),
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Action', 'Serial', 'TTL', 'Email', 'Updated'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      body.zones.length === 0
        ? h('tr', {}, h('td', { colspan: 7 }, 'No zones yet.'))
        : body.zones.map((zone) =>
            h(
              'tr',
              { 'data-zone-id': zone.id },
              h('th', { scope: 'row' }, h('a', { href: `#/zones/${zone.id}` }, zone.name)),
              h('td', {}, badge(zone.status)),
              h('td', {}, badge(zone.action, 'action')),
              h('td', { class: 'number' }, zone.serial),
              h('td', { class: 'number' }, zone.ttl),
              h('td', {}, zone.email),
              h('td', {}, time(zone.updated_at || zone.created_at))
            )
          )
    )
  );
}

export async function zoneFormPage(main, id) {
  const zone = id ? await api('GET', `/v2/zones/${id}`) : null;
  document.title = `${zone ? 'Edit ' + zone.name : 'Create a zone'} · zonecast console`;
  const name = h('input', { name: 'name', required: true, value: zone ? zone.name : '', readonly: Boolean(zone), autocomplete: 'off', spellcheck: 'false' });
  const email = h('input', { name: 'email', type: 'email', required: true, value: zone ? zone.email : '' });
  const ttl = h('input', { name: 'ttl', type: 'number', min: 1, max: 2147483647, value: zone ? zone.ttl : '' });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 160 });
  description.value = zone && zone.description ? zone.description : '';
  const form = h(
    'form',
    { id: 'zone-form', class: 'card', novalidate: true },
    h('h1', {}, zone ? `Edit ${zone.name}` : 'Create a zone'),
    formError(),
    field('zone-name', 'Name', name, zone ? 'A zone’s name cannot change.' : 'Fully qualified, ending in a dot: example.org.'),
    field('zone-email', 'Email', email, 'The zone’s contact, the SOA’s RNAME: hostmaster@example.org'),
    field('zone-ttl', 'TTL (seconds)', ttl, 'The default TTL of the zone’s records and its SOA; empty for the service’s default.'),
    field('zone-description', 'Description', description, 'Optional, up to 160 characters.'),
    // secondary zones (type SECONDARY with masters) join this form when that feature lands
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, zone ? 'Save' : 'Create zone'), h('a', { href: zone ? `#/zones/${zone.id}` : '#/zones' }, 'Cancel'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = { email: email.value.trim(), description: description.value.trim() || null };
    if (ttl.value !== '') body.ttl = Number(ttl.value);
    try {
      let written;
      if (zone) {
        written = await api('PATCH', `/v2/zones/${zone.id}`, { json: body });
      } else {
        let zoneName = name.value.trim();
        if (zoneName && !zoneName.endsWith('.')) zoneName += '.';
        written = await api('POST', '/v2/zones', { json: { name: zoneName, ...body } });
      }
      justWritten.set(written.id, written);
      announce(zone ? `Zone ${written.name} saved` : `Zone ${written.name} created`);
      window.location.hash = `#/zones/${written.id}`;
    } catch (error) {
      showError(form, error);
    }
  });
  replace(main, form);
  (zone ? email : name).focus();
}

export async function zonePage(main, id) {
  let zone = justWritten.get(id);
  justWritten.delete(id);
  if (!zone) zone = await api('GET', `/v2/zones/${id}`);
  document.title = `${zone.name} · zonecast console`;

  const summary = h('dl', { class: 'summary' });
  const message = h('p', { id: 'zone-status-message', class: 'status-message', role: 'alert', hidden: true });
  const history = h('ol', { id: 'status-history', class: 'history', 'aria-label': 'Status changes seen on this page' });
  const propagation = h('section', { id: 'propagation-panel', 'aria-labelledby': 'propagation-title' });
  const records = h('section', { id: 'recordsets-panel', 'aria-labelledby': 'recordsets-title' });
  const deleteButton = h('button', { id: 'zone-delete', type: 'button', class: 'danger' }, 'Delete zone');
  const exportButton = h('button', { id: 'zone-export', type: 'button' }, 'Export zone file');
  const exportStatus = h('span', { id: 'export-status', role: 'status' });

  let lastSeen = null;
  const render = (current) => {
    zone = current;
    replace(
      summary,
      h('dt', {}, 'Status'), h('dd', {}, h('span', { id: 'zone-status' }, badge(zone.status))),
      h('dt', {}, 'Action'), h('dd', {}, h('span', { id: 'zone-action' }, badge(zone.action, 'action'))),
      h('dt', {}, 'Serial'), h('dd', { id: 'zone-serial' }, zone.serial),
      h('dt', {}, 'TTL'), h('dd', {}, zone.ttl),
      h('dt', {}, 'Email'), h('dd', {}, zone.email),
      h('dt', {}, 'Type'), h('dd', {}, zone.type),
      h('dt', {}, 'Description'), h('dd', {}, zone.description || '—'),
      h('dt', {}, 'Pool'), h('dd', {}, h('code', {}, zone.pool_id)),
      h('dt', {}, 'Project'), h('dd', {}, zone.project_id),
      h('dt', {}, 'Updated'), h('dd', {}, time(zone.updated_at || zone.created_at))
    );
    if (zone.status === 'ERROR') {
      message.textContent = zone.status_message || 'The zone is in ERROR; the service gave no message.';
      message.hidden = false;
    } else {
      message.hidden = true;
    }
    const seen = `${zone.status} ${zone.action} ${zone.serial}`;
    if (seen !== lastSeen) {
      lastSeen = seen;
      history.append(
        h('li', { 'data-status': zone.status }, badge(zone.status), ' ', badge(zone.action, 'action'), ` serial ${zone.serial} · ${new Date().toLocaleTimeString()}`)
      );
      announce(`${zone.name} is ${zone.status}`);
    }
  };
  render(zone);

  deleteButton.addEventListener('click', async () => {
    if (!(await confirmAction(`Delete the zone ${zone.name} and all its records? The name servers stop serving it.`, 'Delete zone'))) return;
    try {
      await api('DELETE', `/v2/zones/${zone.id}`);
      announce(`Zone ${zone.name} is being deleted`);
      window.location.hash = '#/zones';
    } catch (error) {
      replace(exportStatus, problem(error));
    }
  });
  exportButton.addEventListener('click', () => exportZone(zone, exportStatus));

  replace(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/zones' }, 'Zones'), ' / ', zone.name),
    h('div', { class: 'title' }, h('h1', {}, zone.name), h('div', { class: 'actions' }, h('a', { id: 'zone-edit', class: 'button', href: `#/zones/${zone.id}/edit` }, 'Edit'), exportButton, deleteButton)),
    exportStatus,
    message,
    summary,
    h('details', { class: 'history-box', open: true }, h('summary', {}, 'Status changes'), history),
    propagation,
    records
  );
  const updatePropagation = propagationPanel(propagation, zone);
  const refreshRecords = recordsetsPanel(records, () => zone);
  for (const panel of registeredZonePanels(zone)) {
    const container = h('section', { id: `${panel.id}-panel` }, h('h2', {}, panel.title));
    main.append(container);
    panel.render(container, zone);
  }

  let lastSerial = zone.serial;
  const poll = every(ZONE_REFRESH_MS, async () => {
    try {
      const [current, state] = await Promise.all([
        api('GET', `/v2/zones/${id}`),
        api('GET', `/v2/zones/${id}/propagation`).catch(() => null),
      ]);
      render(current);
      updatePropagation(current, state);
      if (current.serial !== lastSerial || current.status !== 'ACTIVE') {
        lastSerial = current.serial;
        await refreshRecords();
      }
    } catch (error) {
      if (error.status === 404) {
        message.textContent = 'This zone no longer exists.';
        message.hidden = false;
      }
    }
  });
  await refreshRecords();
  await poll();
}
