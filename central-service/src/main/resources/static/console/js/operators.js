// For operators (admin role): pools with their name servers and targets' health, the services'
// heartbeats, zones by status across projects, and any project's quotas.
import { api } from './api.js';
import { h, replace, badge, field, clearErrors, showError, formError, time, problem, announce } from './dom.js';
import { every } from './lifecycle.js';

const REFRESH_MS = 5000;
const STATUSES = ['PENDING', 'ERROR', 'ACTIVE'];

export async function operatorsPage(main) {
  document.title = 'Operators · zonecast console';
  const pools = h('section', { id: 'pools-panel', 'aria-labelledby': 'pools-title' });
  const services = h('section', { id: 'services-panel', 'aria-labelledby': 'services-title' });
  const zones = h('section', { id: 'all-zones-panel', 'aria-labelledby': 'all-zones-title' });
  const quotas = h('section', { id: 'quotas-panel', 'aria-labelledby': 'quotas-title' });
  replace(main, h('h1', {}, 'Operators'), pools, services, zones, quotas);
  quotaPanel(quotas);
  const refresh = every(REFRESH_MS, async () => {
    await Promise.all([poolsPanel(pools), servicesPanel(services), zonesPanel(zones)]);
  });
  await refresh();
}

async function poolsPanel(place) {
  let body;
  try {
    body = await api('GET', '/v2/pools');
  } catch (error) {
    replace(place, h('h2', { id: 'pools-title' }, 'Pools'), problem(error));
    return;
  }
  replace(
    place,
    h('h2', { id: 'pools-title' }, 'Pools'),
    body.pools.map((pool) =>
      h('article', { class: 'card', 'data-pool-id': pool.id },
        h('h3', {}, pool.name, ' ', h('code', { class: 'muted' }, pool.id)),
        pool.description ? h('p', {}, pool.description) : '',
        h('p', {}, 'NS records: ', pool.ns_records.map((ns) => h('code', { class: 'chip' }, `${ns.hostname} (${ns.priority})`))),
        pool.attributes ? h('p', {}, 'Attributes: ', Object.entries(pool.attributes).map(([k, v]) => h('code', { class: 'chip' }, `${k}=${v}`))) : ''
      )
    )
  );
}

async function servicesPanel(place) {
  let body;
  try {
    body = await api('GET', '/v2/service_statuses');
  } catch (error) {
    replace(place, h('h2', { id: 'services-title' }, 'Services and targets'), problem(error));
    return;
  }
  const targets = [];
  for (const service of body.service_statuses) {
    const seen = service.stats && service.stats.targets ? service.stats.targets : {};
    for (const [name, health] of Object.entries(seen)) targets.push({ name, health, by: service.hostname });
  }
  replace(
    place,
    h('h2', { id: 'services-title' }, 'Services and targets'),
    h('table', { id: 'services' },
      h('caption', {}, 'Service instances and their last heartbeat'),
      h('thead', {}, h('tr', {}, ['Service', 'Host', 'Status', 'Heartbeat'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, body.service_statuses.map((s) =>
        h('tr', {}, h('th', { scope: 'row' }, s.service_name), h('td', {}, s.hostname), h('td', {}, badge(s.status, 'service')), h('td', {}, time(s.heartbeated_at)))))
    ),
    h('table', { id: 'targets' },
      h('caption', {}, 'Name servers as the pool managers see them (health and serial lag)'),
      h('thead', {}, h('tr', {}, ['Name server', 'Health', 'Serial lag', 'Zones checked', 'Missing', 'Last error', 'Checked', 'Pool manager'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, targets.length === 0
        ? h('tr', {}, h('td', { colspan: 8 }, 'No pool manager has reported yet.'))
        : targets.map(({ name, health, by }) =>
          h('tr', { 'data-target': name },
            h('th', { scope: 'row' }, h('code', {}, name)),
            h('td', {}, badge(health.up ? 'UP' : 'DOWN', 'service')),
            h('td', { class: 'number' }, health.serial_lag ?? '—'),
            h('td', { class: 'number' }, health.zones_checked ?? '—'),
            h('td', { class: 'number' }, health.zones_missing ?? '—'),
            h('td', {}, health.last_error ? `${health.last_error} (${time(health.last_error_at)})` : '—'),
            h('td', {}, time(health.checked_at)),
            h('td', {}, by))))
    )
  );
}

async function zonesPanel(place) {
  try {
    const counts = await Promise.all(STATUSES.map((s) => api('GET', `/v2/zones?status=${s}&limit=1`, { allProjects: true })));
    const notActive = await api('GET', '/v2/zones?limit=50&sort_key=updated_at&sort_dir=desc&status=ERROR', { allProjects: true });
    const pending = await api('GET', '/v2/zones?limit=50&sort_key=updated_at&sort_dir=desc&status=PENDING', { allProjects: true });
    const rows = notActive.zones.concat(pending.zones);
    replace(
      place,
      h('h2', { id: 'all-zones-title' }, 'Zones of all projects'),
      h('ul', { id: 'zone-counts', class: 'counts' }, STATUSES.map((s, i) => h('li', { 'data-status': s }, badge(s), ` ${counts[i].metadata.total_count}`))),
      h('table', { id: 'all-zones' },
        h('caption', {}, 'Zones not ACTIVE (ERROR first)'),
        h('thead', {}, h('tr', {}, ['Zone', 'Project', 'Status', 'Action', 'Message', 'Updated'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.length === 0
          ? h('tr', {}, h('td', { colspan: 6 }, 'Every zone is ACTIVE.'))
          : rows.map((z) => h('tr', {},
            h('th', { scope: 'row' }, z.name), h('td', {}, z.project_id), h('td', {}, badge(z.status)), h('td', {}, badge(z.action, 'action')),
            h('td', {}, z.status_message || ''), h('td', {}, time(z.updated_at || z.created_at))))))
    );
  } catch (error) {
    replace(place, h('h2', { id: 'all-zones-title' }, 'Zones of all projects'), problem(error));
  }
}

function quotaPanel(place) {
  const project = h('input', { name: 'project', required: true, autocomplete: 'off' });
  const values = h('div', { id: 'quota-values' });
  const form = h('form', { id: 'quota-lookup', class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: 'quota-project' }, 'Project ID'), (project.id = 'quota-project', project)),
    h('button', { type: 'submit' }, 'Show quotas'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = project.value.trim();
    try {
      const quotas = await api('GET', `/v2/quotas/${encodeURIComponent(id)}`);
      replace(values, quotaForm(id, quotas));
    } catch (error) {
      replace(values, problem(error));
    }
  });
  replace(place, h('h2', { id: 'quotas-title' }, 'Quotas per project'), form, values);
}

function quotaForm(projectId, quotas) {
  const inputs = Object.entries(quotas).map(([key, value]) => [key, h('input', { name: key, type: 'number', min: 0, value })]);
  const form = h('form', { id: 'quota-form', class: 'card', novalidate: true },
    h('h3', {}, `Quotas of ${projectId}`),
    formError(),
    inputs.map(([key, input]) => field(`quota-${key}`, key.replace(/_/g, ' '), input)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save quotas')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {};
    for (const [key, input] of inputs) if (String(quotas[key]) !== input.value) body[key] = Number(input.value);
    try {
      await api('PATCH', `/v2/quotas/${encodeURIComponent(projectId)}`, { json: body });
      announce(`Quotas of ${projectId} saved`);
    } catch (error) {
      const place = form.querySelector('.form-error');
      place.textContent = error.message;
      place.hidden = false;
    }
  });
  return form;
}
