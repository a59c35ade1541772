// A zone's shares (Designate's shared zones, API v2.1): the owner shares the zone with another
// project, which then reads it and adds recordsets of its own; the owner lists and revokes them.
import { api } from './api.js';
import { h, replace, announce, confirmAction, field, clearErrors, showError, formError, problem, time } from './dom.js';
import { registerZonePanel } from './extensions.js';
import { sharedWithMe } from './zones.js';

registerZonePanel({
  id: 'shares',
  title: 'Shared with other projects',
  render(container, zone) {
    if (sharedWithMe(zone)) {
      container.append(
        h('p', { id: 'shared-by' }, `Project ${zone.project_id} shares this zone with yours: you read it and its recordsets, add recordsets, and change or delete those your project made. Only its owner changes, shares or deletes the zone.`)
      );
      return null;
    }
    const list = h('div', { id: 'shares-list' });
    const target = h('input', { name: 'target_project_id', required: true, autocomplete: 'off', spellcheck: 'false', maxlength: 36 });
    const form = h(
      'form',
      { id: 'share-form', class: 'card', novalidate: true },
      h('h3', {}, 'Share this zone'),
      formError(),
      field('share-target', 'Project ID to share with', target, 'That project sees the zone and may add recordsets to it; it cannot change or delete the zone.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Share zone'))
    );
    const refresh = async () => {
      let body;
      try {
        body = await api('GET', `/v2/zones/${zone.id}/shares?limit=100`);
      } catch (error) {
        replace(list, problem(error));
        return;
      }
      const outcome = h('p', { id: 'share-outcome', role: 'status' });
      replace(
        list,
        h('table', { id: 'shares' },
          h('caption', {}, body.shared_zones.length === 0 ? 'Not shared with any project.' : `Shared with ${body.shared_zones.length} project${body.shared_zones.length === 1 ? '' : 's'}`),
          h('thead', {}, h('tr', {}, ['Project', 'Shared by', 'Since', h('span', { class: 'visually-hidden' }, 'Actions')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, body.shared_zones.map((share) =>
            h('tr', { 'data-share-id': share.id, 'data-target': share.target_project_id },
              h('th', { scope: 'row' }, share.target_project_id),
              h('td', {}, share.project_id),
              h('td', {}, time(share.created_at)),
              h('td', { class: 'row-actions' }, h('button', {
                type: 'button', class: 'link danger', 'aria-label': `Revoke the share with ${share.target_project_id}`,
                onclick: async () => {
                  if (!(await confirmAction(`Stop sharing ${zone.name} with project ${share.target_project_id}?`, 'Revoke share'))) return;
                  try {
                    await api('DELETE', `/v2/zones/${zone.id}/shares/${share.id}`);
                    announce(`No longer shared with ${share.target_project_id}`);
                    await refresh();
                  } catch (error) {
                    // e.g. the project still has recordsets in the zone
                    replace(outcome, problem(error));
                  }
                },
              }, 'Revoke')))))
        ),
        outcome
      );
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      try {
        const share = await api('POST', `/v2/zones/${zone.id}/shares`, { json: { target_project_id: target.value.trim() } });
        announce(`Shared with ${share.target_project_id}`);
        target.value = '';
        await refresh();
      } catch (error) {
        showError(form, error);
      }
    });
    container.append(list, form);
    return refresh().then(() => null);
  },
});
