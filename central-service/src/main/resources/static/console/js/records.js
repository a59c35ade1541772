// Recordsets of a zone: the table, the create/edit form with help for each type, deletion, and
// bulk paste of zone-file lines (grouped into recordsets, each created or extended by the API).
import { api } from './api.js';
import { h, replace, badge, announce, confirmAction, field, clearErrors, showError, formError } from './dom.js';
import { RECORD_TYPES, typeHelp } from './recordtypes.js';
import { absolute, parseLines } from './zonelines.js';

export function recordsetsPanel(container, currentZone) {
  const table = h('table', { id: 'recordsets' });
  const editor = h('div', { id: 'recordset-editor' });
  const bulk = bulkPaste(currentZone, () => refresh());
  const addButton = h('button', { id: 'recordset-add', type: 'button' }, 'Add recordset');
  addButton.addEventListener('click', () => openForm(editor, currentZone(), null, refresh));
  // a SECONDARY zone's records are its master's: the API refuses changes (the next pull would undo them)
  const secondary = currentZone().type === 'SECONDARY';
  replace(
    container,
    h('div', { class: 'title' }, h('h2', { id: 'recordsets-title' }, 'Recordsets'), secondary ? '' : addButton),
    secondary ? h('p', { id: 'recordsets-from-master', class: 'help' }, 'These are the master’s records as zonecast last transferred them; change them at the master.') : editor,
    table,
    secondary ? '' : bulk
  );

  const refresh = async () => {
    const zone = currentZone();
    let all = [];
    let path = `/v2/zones/${zone.id}/recordsets?limit=200&sort_key=name&sort_dir=asc`;
    try {
      // a zone holds at most its quota of recordsets (500 by default): a few pages at most
      for (let page = 0; path && page < 10; page++) {
        const body = await api('GET', path);
        all = all.concat(body.recordsets);
        path = body.links && body.links.next ? new URL(body.links.next).pathname + new URL(body.links.next).search : null;
      }
    } catch (error) {
      replace(table, h('caption', {}, error.message));
      return;
    }
    renderRecordsets(table, all, zone, editor, refresh);
  };
  return refresh;
}

function renderRecordsets(table, recordsets, zone, editor, refresh) {
  replace(
    table,
    h('caption', {}, `${recordsets.length} recordset${recordsets.length === 1 ? '' : 's'}`),
    h('thead', {}, h('tr', {}, ['Name', 'Type', 'TTL', 'Records', 'Status', h('span', { class: 'visually-hidden' }, 'Actions')].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      recordsets.map((rs) => {
        const fromMaster = zone.type === 'SECONDARY';
        const managed = fromMaster || rs.type === 'SOA' || (rs.type === 'NS' && rs.name === zone.name);
        return h(
          'tr',
          { 'data-recordset-id': rs.id, 'data-name': rs.name, 'data-type': rs.type },
          h('th', { scope: 'row' }, rs.name),
          h('td', {}, rs.type),
          h('td', { class: 'number' }, rs.ttl ?? `${zone.ttl} (zone)`),
          h('td', {}, h('ul', { class: 'records' }, rs.records.map((r) => h('li', {}, h('code', {}, r))))),
          h('td', {}, badge(rs.status), ' ', badge(rs.action, 'action')),
          h(
            'td',
            { class: 'row-actions' },
            managed
              ? h('span', { class: 'help' }, fromMaster ? 'from the master' : 'managed by zonecast')
              : [
                  h('button', { type: 'button', class: 'link', 'aria-label': `Edit ${rs.type} ${rs.name}`, onclick: () => openForm(editor, zone, rs, refresh) }, 'Edit'),
                  h('button', {
                    type: 'button', class: 'link danger', 'aria-label': `Delete ${rs.type} ${rs.name}`,
                    onclick: async () => {
                      if (!(await confirmAction(`Delete the ${rs.type} recordset ${rs.name}?`, 'Delete recordset'))) return;
                      try {
                        await api('DELETE', `/v2/zones/${zone.id}/recordsets/${rs.id}`);
                        announce(`Recordset ${rs.name} ${rs.type} deleted`);
                      } catch (error) {
                        announce(error.message);
                      }
                      await refresh();
                    },
                  }, 'Delete'),
                ]
          )
        );
      })
    )
  );
}

function openForm(editor, zone, recordset, refresh) {
  const name = h('input', { name: 'name', autocomplete: 'off', spellcheck: 'false', value: recordset ? recordset.name : '', readonly: Boolean(recordset) });
  const type = h('select', { name: 'type', disabled: Boolean(recordset) }, RECORD_TYPES.map((t) => h('option', { value: t }, t)));
  type.value = recordset ? recordset.type : 'A';
  const ttl = h('input', { name: 'ttl', type: 'number', min: 1, max: 2147483647, value: recordset && recordset.ttl !== null ? recordset.ttl : '' });
  const records = h('textarea', { name: 'records', rows: 4, spellcheck: 'false' });
  records.value = recordset ? recordset.records.join('\n') : '';
  const description = h('input', { name: 'description', maxlength: 160, value: recordset && recordset.description ? recordset.description : '' });
  const help = h('p', { 'aria-live': 'polite' });
  const showTypeHelp = () => {
    const { what, example } = typeHelp(type.value);
    replace(help, `${what} One record per line, for example: `, h('code', {}, example));
    records.placeholder = example;
  };
  type.addEventListener('change', showTypeHelp);
  showTypeHelp();

  const form = h(
    'form',
    { id: 'recordset-form', class: 'card', novalidate: true },
    h('h3', {}, recordset ? `Edit ${recordset.type} ${recordset.name}` : `New recordset in ${zone.name}`),
    formError(),
    field('rs-name', 'Name', name, recordset ? null : `Relative to the zone (www, or @ for ${zone.name}) or fully qualified with a final dot.`),
    field('rs-type', 'Type', type),
    field('rs-ttl', 'TTL (seconds)', ttl, 'Empty: the zone’s TTL.'),
    field('rs-records', 'Records', records, help),
    field('rs-description', 'Description', description),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, recordset ? 'Save recordset' : 'Create recordset'), h('button', { type: 'button', class: 'link', onclick: () => replace(editor) }, 'Cancel'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      records: records.value.split('\n').map((r) => r.trim()).filter((r) => r !== ''),
      ttl: ttl.value === '' ? null : Number(ttl.value),
      description: description.value.trim() || null,
    };
    try {
      if (recordset) {
        await api('PUT', `/v2/zones/${zone.id}/recordsets/${recordset.id}`, { json: body });
      } else {
        await api('POST', `/v2/zones/${zone.id}/recordsets`, { json: { name: absolute(name.value, zone.name), type: type.value, ...body } });
      }
      announce(`Recordset ${recordset ? 'saved' : 'created'}`);
      replace(editor);
      await refresh();
    } catch (error) {
      showError(form, error);
    }
  });
  replace(editor, form);
  (recordset ? records : name).focus();
}

function bulkPaste(currentZone, refresh) {
  const lines = h('textarea', { name: 'lines', rows: 6, spellcheck: 'false', placeholder: 'www 300 IN A 192.0.2.10\nmail IN MX 10 mail.example.org.' });
  const result = h('ul', { id: 'bulk-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { id: 'bulk-form', class: 'card' },
    h('h3', {}, 'Paste zone-file lines'),
    field('bulk-lines', 'Lines (name ttl IN type data)', lines, 'Records with the same name and type become one recordset; one that exists already gets the new records added.'),
    h('div', { class: 'actions' }, h('button', { id: 'bulk-apply', type: 'submit' }, 'Add these records'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const zone = currentZone();
    const { groups, errors } = parseLines(lines.value, zone.name);
    const items = errors.map((e) => h('li', { class: 'failed' }, `Line ${e.line}: ${e.message}: `, h('code', {}, e.text)));
    for (const group of groups) {
      const label = `${group.type} ${group.name} (line${group.lines.length > 1 ? 's' : ''} ${group.lines.join(', ')})`;
      try {
        const existing = await api('GET', `/v2/zones/${zone.id}/recordsets?name=${encodeURIComponent(group.name)}&type=${group.type}`);
        if (existing.recordsets.length > 0) {
          const rs = existing.recordsets[0];
          const records = [...new Set([...rs.records, ...group.records])];
          await api('PUT', `/v2/zones/${zone.id}/recordsets/${rs.id}`, { json: { records, ttl: group.ttl ?? rs.ttl } });
          items.push(h('li', { class: 'done' }, `${label}: added to the existing recordset`));
        } else {
          await api('POST', `/v2/zones/${zone.id}/recordsets`, { json: { name: group.name, type: group.type, ttl: group.ttl, records: group.records } });
          items.push(h('li', { class: 'done' }, `${label}: created`));
        }
      } catch (error) {
        items.push(h('li', { class: 'failed' }, `${label}: ${error.message}`));
      }
    }
    replace(result, items);
    announce(`${groups.length} recordsets written, ${items.filter((i) => i.className === 'failed').length} problems`);
    await refresh();
  });
  return h('section', { 'aria-label': 'Bulk paste' }, form, result);
}
