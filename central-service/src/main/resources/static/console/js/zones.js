// Zones: the list (search, status filter, paging by Designate's marker links), the create and
// edit form, and a zone's page with its propagation and its recordsets.
import { api, project as currentProject } from './api.js';
import { plural, parseMasters } from './format.js';
import { h, replace, badge, announce, confirmAction, field, clearErrors, showError, formError, time, problem } from './dom.js';
import { every } from './lifecycle.js';
import { propagationPanel } from './propagation.js';
import { recordsetsPanel } from './records.js';
import { exportZone } from './tasks.js';
import { registeredZonePanels } from './extensions.js';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
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
  const type = h(
    'select',
    { id: 'zone-type-filter', name: 'type' },
    ['', 'PRIMARY', 'SECONDARY'].map((t) => h('option', { value: t }, t || 'any'))
  );
  const pageSize = h('select', { id: 'zone-page-size', name: 'limit' }, PAGE_SIZES.map((n) => h('option', { value: n }, n)));
  pageSize.value = String(DEFAULT_PAGE_SIZE);
  const table = h('table', { id: 'zones' });
  const pager = h('div', { class: 'pager' });
  const state = { markers: [null], page: 0 };

  const load = async () => {
    const query = new URLSearchParams({ limit: pageSize.value, sort_key: 'name', sort_dir: 'asc' });
    const term = search.value.trim();
    if (term) query.set('name', term.includes('*') ? term : `*${term}*`);
    if (status.value) query.set('status', status.value);
    if (type.value) query.set('type', type.value);
    const marker = state.markers[state.page];
    if (marker) query.set('marker', marker);
    let body;
    try {
      body = await api('GET', `/v2/zones?${query}`);
    } catch (error) {
      replace(table, h('caption', {}, problem(error)));
      return false;
    }
    renderZones(table, body, term, state.page * Number(pageSize.value));
    const next = body.links && body.links.next ? new URL(body.links.next).searchParams.get('marker') : null;
    state.markers[state.page + 1] = next;
    replace(
      pager,
      h('button', { id: 'zones-prev', type: 'button', disabled: state.page === 0, onclick: () => { state.page -= 1; load(); } }, 'Previous page'),
      h('span', { id: 'zones-page' }, `Page ${state.page + 1}`),
      h('button', { id: 'zones-next', type: 'button', disabled: !next, onclick: () => { state.page += 1; load(); } }, 'Next page')
    );
    return body.zones.some((z) => z.status !== 'ACTIVE');
  };

  const filters = h(
    'form',
    { id: 'zone-filters', class: 'toolbar', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'zone-search' }, 'Search by name'), search),
    h('div', { class: 'field' }, h('label', { for: 'zone-status-filter' }, 'Status'), status),
    h('div', { class: 'field' }, h('label', { for: 'zone-type-filter' }, 'Type'), type),
    h('div', { class: 'field' }, h('label', { for: 'zone-page-size' }, 'Per page'), pageSize),
    h('button', { type: 'submit' }, 'Search')
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    state.markers = [null];
    state.page = 0;
    load();
  });
  for (const select of [status, type, pageSize]) select.addEventListener('change', () => filters.requestSubmit());

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

function renderZones(table, body, term, skipped) {
  const total = body.metadata ? body.metadata.total_count : body.zones.length;
  const shown = body.zones.length === 0 ? '' : ` (${skipped + 1}–${skipped + body.zones.length} shown)`;
  replace(
    table,
    h('caption', {}, `${plural(total, 'zone')}${term ? ` matching “${term}”` : ''}${shown}`),
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Action', 'Type', 'Serial', 'TTL', 'Email', 'Updated'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      body.zones.length === 0
        ? h('tr', {}, h('td', { colspan: 8 }, 'No zones yet.'))
        : body.zones.map((zone) =>
            h(
              'tr',
              { 'data-zone-id': zone.id },
              h('th', { scope: 'row' }, h('a', { href: `#/zones/${zone.id}` }, zone.name)),
              h('td', {}, badge(zone.status)),
              h('td', {}, badge(zone.action, 'action')),
              h('td', {}, zone.type, zone.shared ? h('span', { class: 'badge shared' }, zone.project_id === currentProject() ? 'shared' : 'shared with you') : ''),
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
  const type = h('select', { name: 'type', disabled: Boolean(zone) }, ['PRIMARY', 'SECONDARY'].map((t) => h('option', { value: t }, t)));
  type.value = zone ? zone.type : 'PRIMARY';
  const masters = h('textarea', { name: 'masters', rows: 3, spellcheck: 'false', placeholder: '192.0.2.53\n[2001:db8::53]:5353' });
  masters.value = zone && zone.masters ? zone.masters.join('\n') : '';
  const email = h('input', { name: 'email', type: 'email', required: true, value: zone ? zone.email : '' });
  const ttl = h('input', { name: 'ttl', type: 'number', min: 1, max: 2147483647, value: zone ? zone.ttl : '' });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 160 });
  description.value = zone && zone.description ? zone.description : '';
  const mastersField = field('zone-masters', 'Masters', masters, 'The primary servers zonecast transfers the zone from, one per line: an IPv4 or IPv6 address, with :port when not 53 ([v6-address]:port).');
  const emailField = field('zone-email', 'Email', email, 'The zone’s contact, the SOA’s RNAME: hostmaster@example.org');
  const ttlField = field('zone-ttl', 'TTL (seconds)', ttl, 'The default TTL of the zone’s records and its SOA; empty for the service’s default.');
  // a SECONDARY zone's SOA is its master's: no email, and its TTL is set only once it exists
  const showFieldsOfType = () => {
    const secondary = type.value === 'SECONDARY';
    mastersField.hidden = !secondary;
    emailField.hidden = secondary;
    ttlField.hidden = secondary && !zone;
  };
  type.addEventListener('change', showFieldsOfType);
  showFieldsOfType();
  const form = h(
    'form',
    { id: 'zone-form', class: 'card', novalidate: true },
    h('h1', {}, zone ? `Edit ${zone.name}` : 'Create a zone'),
    formError(),
    field('zone-name', 'Name', name, zone ? 'A zone’s name cannot change.' : 'Fully qualified, ending in a dot: example.org.'),
    field('zone-type', 'Type', type, zone ? 'A zone’s type cannot change.' : 'PRIMARY: its records are managed here. SECONDARY: transferred from its masters, outside zonecast.'),
    mastersField,
    emailField,
    ttlField,
    field('zone-description', 'Description', description, 'Optional, up to 160 characters.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, zone ? 'Save' : 'Create zone'), h('a', { href: zone ? `#/zones/${zone.id}` : '#/zones' }, 'Cancel'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const secondary = type.value === 'SECONDARY';
    const body = { description: description.value.trim() || null };
    if (secondary) body.masters = parseMasters(masters.value);
    else body.email = email.value.trim();
    if (ttl.value !== '' && !ttlField.hidden) body.ttl = Number(ttl.value);
    try {
      let written;
      if (zone) {
        written = await api('PATCH', `/v2/zones/${zone.id}`, { json: body });
      } else {
        let zoneName = name.value.trim();
        if (zoneName && !zoneName.endsWith('.')) zoneName += '.';
        written = await api('POST', '/v2/zones', { json: { name: zoneName, type: type.value, ...body } });
      }
      justWritten.set(written.id, written);
      announce(zone ? `Zone ${written.name} saved` : `Zone ${written.name} created`);
      window.location.hash = `#/zones/${written.id}`;
    } catch (error) {
      showError(form, error);
    }
  });
  replace(main, form);
  (zone ? (zone.type === 'SECONDARY' ? masters : email) : name).focus();
}

/** The caller's project reads the zone because it is shared with it, not because it owns it. */
export function sharedWithMe(zone) {
  return Boolean(zone.shared && currentProject() && zone.project_id !== currentProject());
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
    const shares = zone.shared ? ' It is shared with other projects: the shares are removed with it.' : '';
    if (!(await confirmAction(`Delete the zone ${zone.name} and all its records? The name servers stop serving it.${shares}`, 'Delete zone'))) return;
    try {
      // Designate refuses to delete a shared zone unless the caller says the shares go too
      await api('DELETE', `/v2/zones/${zone.id}`, { headers: zone.shared ? { 'X-Designate-Delete-Shares': 'true' } : {} });
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
    h('div', { class: 'title' }, h('h1', {}, zone.name), h('div', { class: 'actions' },
      // a project the zone is only shared with may read it and add recordsets, not change it
      sharedWithMe(zone) ? h('span', { id: 'zone-shared-with-you', class: 'badge shared' }, `shared with you by ${zone.project_id}`) : [h('a', { id: 'zone-edit', class: 'button', href: `#/zones/${zone.id}/edit` }, 'Edit'), deleteButton],
      exportButton)),
    exportStatus,
    message,
    summary,
    h('details', { class: 'history-box', open: true }, h('summary', {}, 'Status changes'), history),
    propagation,
    records
  );
  const updatePropagation = propagationPanel(propagation, zone);
  const refreshRecords = recordsetsPanel(records, () => zone);
  const panelUpdates = [];
  for (const panel of registeredZonePanels(zone)) {
    const container = h('section', { id: `${panel.id}-panel`, 'aria-labelledby': `${panel.id}-title` }, h('h2', { id: `${panel.id}-title` }, panel.title));
    main.append(container);
    Promise.resolve(panel.render(container, zone))
      .then((update) => typeof update === 'function' && panelUpdates.push(update))
      .catch((error) => container.append(problem(error)));
  }

  let lastSerial = zone.serial;
  const poll = every(ZONE_REFRESH_MS, async () => {
    try {
      const [current, state] = await Promise.all([
        api('GET', `/v2/zones/${id}`),
        api('GET', `/v2/zones/${id}/propagation`).catch(() => null),
      ]);
      const changed = current.serial !== zone.serial || current.status !== zone.status;
      render(current);
      updatePropagation(current, state);
      for (const update of panelUpdates) update(current, changed);
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
