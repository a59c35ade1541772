// Zone ownership transfers (Designate's transfer requests and accepts): the owner offers a zone,
// to one project or to whoever has the request's id and key; the accepting project sends both
// and owns the zone from then on. A panel of the zone's page, and the Transfers page.
import { api, project as currentProject } from './api.js';
import { h, replace, announce, confirmAction, field, clearErrors, showError, formError, problem, time, badge } from './dom.js';
import { registerZonePanel } from './extensions.js';
import { sharedWithMe } from './zones.js';

const REQUESTS = '/v2/zones/tasks/transfer_requests';

/** Every transfer request the caller may list (its own and those addressed to it). */
async function requests(status) {
  const query = new URLSearchParams({ limit: 100, sort_key: 'created_at', sort_dir: 'desc' });
  if (status) query.set('status', status);
  return (await api('GET', `${REQUESTS}?${query}`)).transfer_requests;
}

function handOver(request) {
  return h('dl', { class: 'summary handover', 'data-request-id': request.id },
    h('dt', {}, 'Request ID'), h('dd', {}, h('code', { class: 'transfer-id' }, request.id)),
    h('dt', {}, 'Key'), h('dd', {}, h('code', { class: 'transfer-key' }, request.key || '(shown to the owner and the target only)')),
    h('dt', {}, 'For'), h('dd', {}, request.target_project_id || 'any project that has the ID and key'),
    h('dt', {}, 'Status'), h('dd', {}, badge(request.status)),
    request.description ? [h('dt', {}, 'Description'), h('dd', {}, request.description)] : '');
}

registerZonePanel({
  id: 'transfer',
  title: 'Transfer to another project',
  render(container, zone) {
    if (sharedWithMe(zone)) {
      container.append(h('p', { class: 'help' }, 'Only the zone’s owner offers it to another project.'));
      return null;
    }
    const offers = h('div', { id: 'transfer-offers' });
    const target = h('input', { name: 'target_project_id', autocomplete: 'off', spellcheck: 'false', maxlength: 255 });
    const description = h('input', { name: 'description', maxlength: 160 });
    const form = h(
      'form',
      { id: 'transfer-form', class: 'card', novalidate: true },
      h('h3', {}, 'Offer this zone'),
      formError(),
      field('transfer-target', 'To project (optional)', target, 'Empty: any project that is given the request’s ID and key may accept it.'),
      field('transfer-description', 'Description', description),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create transfer request'))
    );
    const refresh = async () => {
      let mine;
      try {
        mine = (await requests('ACTIVE')).filter((r) => r.zone_id === zone.id);
      } catch (error) {
        replace(offers, problem(error));
        return;
      }
      replace(
        offers,
        mine.length === 0
          ? h('p', { class: 'help' }, 'No open transfer request for this zone.')
          : mine.map((request) =>
              h('div', { class: 'card' },
                h('p', {}, 'Give the accepting project this ID and key; it accepts on its Transfers page. The zone keeps being served throughout.'),
                handOver(request),
                h('div', { class: 'actions' }, h('button', {
                  type: 'button', class: 'danger', 'aria-label': `Cancel the transfer request ${request.id}`,
                  onclick: async () => {
                    if (!(await confirmAction(`Cancel the transfer request for ${zone.name}? Its key stops working.`, 'Cancel request'))) return;
                    try {
                      await api('DELETE', `${REQUESTS}/${request.id}`);
                      announce('Transfer request cancelled');
                    } catch (error) {
                      announce(error.message);
                    }
                    await refresh();
                  },
                }, 'Cancel request'))))
      );
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const body = {};
      if (target.value.trim()) body.target_project_id = target.value.trim();
      if (description.value.trim()) body.description = description.value.trim();
      try {
        await api('POST', `/v2/zones/${zone.id}/tasks/transfer_requests`, { json: body });
        announce('Transfer request created');
        await refresh();
      } catch (error) {
        showError(form, error);
      }
    });
    container.append(offers, form);
    return refresh().then(() => null);
  },
});

export function transfersPage(main) {
  document.title = 'Zone transfers · zonecast console';
  const id = h('input', { name: 'zone_transfer_request_id', required: true, autocomplete: 'off', spellcheck: 'false' });
  const key = h('input', { name: 'key', required: true, autocomplete: 'off', spellcheck: 'false' });
  const outcome = h('div', { id: 'accept-outcome', role: 'status' });
  const form = h(
    'form',
    { id: 'accept-form', class: 'card', novalidate: true },
    h('h2', { id: 'accept-title' }, 'Accept a zone'),
    h('p', {}, 'The zone’s owner gives you a transfer request’s ID and key. Accepting makes your project the zone’s owner, with all its recordsets.'),
    formError(),
    field('accept-id', 'Request ID', id),
    field('accept-key', 'Key', key),
    h('div', { class: 'actions' }, h('button', { id: 'accept-submit', type: 'submit' }, 'Accept zone'))
  );
  const list = h('div', { id: 'transfer-requests' });
  const refresh = async () => {
    let all;
    try {
      all = await requests(null);
    } catch (error) {
      replace(list, problem(error));
      return;
    }
    const me = currentProject();
    replace(
      list,
      h('table', { id: 'transfers' },
        h('caption', {}, 'Transfer requests your project made or that are addressed to it'),
        h('thead', {}, h('tr', {}, ['Zone', 'From', 'To', 'Status', 'Created', h('span', { class: 'visually-hidden' }, 'Actions')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, all.length === 0
          ? h('tr', {}, h('td', { colspan: 6 }, 'No transfer requests.'))
          : all.map((request) =>
            h('tr', { 'data-request-id': request.id },
              h('th', { scope: 'row' }, request.zone_name),
              h('td', {}, request.project_id || ''),
              h('td', {}, request.target_project_id || 'any'),
              h('td', {}, badge(request.status)),
              h('td', {}, time(request.created_at)),
              h('td', { class: 'row-actions' },
                request.status === 'ACTIVE' && request.project_id !== me
                  ? h('button', {
                      type: 'button', class: 'link', 'aria-label': `Accept ${request.zone_name}`,
                      onclick: () => {
                        id.value = request.id;
                        key.value = request.key || '';
                        (key.value ? form.querySelector('#accept-submit') : key).focus();
                      },
                    }, 'Accept…')
                  : ''))))));
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    replace(outcome);
    try {
      const accepted = await api('POST', '/v2/zones/tasks/transfer_accepts', { json: { zone_transfer_request_id: id.value.trim(), key: key.value.trim() } });
      replace(outcome, h('p', {}, 'The zone is your project’s now: ', h('a', { id: 'accepted-zone', href: `#/zones/${accepted.zone_id}` }, 'open it'), '.'));
      announce('Zone accepted');
      id.value = '';
      key.value = '';
      await refresh();
    } catch (error) {
      showError(form, error);
    }
  });
  replace(main, h('h1', {}, 'Zone transfers'), form, outcome, h('h2', {}, 'Requests'), list);
  return refresh();
}
