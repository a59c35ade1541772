// Zone files: import (upload or paste, then follow the task until it ends; a failure shows the
// line it names) and export (a task, then the file, offered as a download).
import { api } from './api.js';
import { h, replace, badge, announce, field, problem } from './dom.js';
import { lineNamed } from './zonelines.js';

const TASK_POLL_MS = 1000;

let imports = 0;

export function importPage(main) {
  document.title = 'Import a zone file · zonecast console';
  const file = h('input', { type: 'file', name: 'file', accept: '.zone,.db,.txt,text/dns,text/plain' });
  const text = h('textarea', { name: 'zonefile', rows: 14, spellcheck: 'false', placeholder: '$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1.example.org. hostmaster.example.org. 1 3600 600 86400 3600\n@ IN NS ns1.example.org.\nwww IN A 192.0.2.10' });
  const status = h('div', { id: 'import-status', role: 'status', 'aria-live': 'polite' });
  const failure = h('div', { id: 'import-error', role: 'alert', hidden: true });
  file.addEventListener('change', async () => {
    if (file.files.length > 0) text.value = await file.files[0].text();
  });
  const form = h(
    'form',
    { id: 'import-form', class: 'card' },
    h('h1', {}, 'Import a zone file'),
    h('p', {}, 'An RFC 1035 zone file with its SOA and $ORIGIN (or names that say their zone) becomes a new zone of your project, with its records.'),
    field('import-file', 'Zone file to upload', file),
    field('import-text', 'Or its text', text),
    h('div', { class: 'actions' }, h('button', { id: 'import-submit', type: 'submit' }, 'Import'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.hidden = true;
    const content = text.value;
    replace(status, 'Sending the zone file…');
    let task;
    try {
      task = await api('POST', '/v2/zones/tasks/imports', { text: content, contentType: 'text/dns' });
    } catch (error) {
      replace(status);
      showFailure(failure, error.message, content);
      return;
    }
    const showTask = (current) => {
      replace(status, 'Import task ', h('code', {}, current.id), ': ', badge(current.status),
        current.status === 'COMPLETE' && current.zone_id ? [' — ', h('a', { id: 'import-zone-link', href: `#/zones/${current.zone_id}` }, 'open the new zone')] : '');
      if (current.status === 'ERROR') {
        showFailure(failure, current.message || 'The import failed.', content);
      }
      if (current.status !== 'PENDING') {
        announce(`Import ${current.status.toLowerCase()}`);
      }
    };
    // follows this task until it ends, another import starts or the page is left
    const mine = ++imports;
    showTask(task);
    while (task.status === 'PENDING' && mine === imports && form.isConnected) {
      await new Promise((resolve) => window.setTimeout(resolve, TASK_POLL_MS));
      task = await api('GET', `/v2/zones/tasks/imports/${task.id}`);
      if (mine === imports) showTask(task);
    }
  });
  replace(main, form, status, failure);
}

/** The message, and when it names a line ("line 7: ..."), that line of the file itself. */
function showFailure(place, message, content) {
  const parts = [h('p', { id: 'import-message' }, message)];
  const line = lineNamed(message, content);
  if (line) {
    parts.push(h('p', {}, `Line ${line.number} of the file:`), h('pre', { id: 'import-failing-line' }, h('code', {}, line.text)));
  }
  replace(place, parts);
  place.hidden = false;
}

export async function exportZone(zone, status) {
  try {
    replace(status, 'Exporting…');
    let task = await api('POST', `/v2/zones/${zone.id}/tasks/export`);
    for (let i = 0; task.status === 'PENDING' && i < 60; i++) {
      await new Promise((resolve) => window.setTimeout(resolve, TASK_POLL_MS));
      task = await api('GET', `/v2/zones/tasks/exports/${task.id}`);
    }
    if (task.status !== 'COMPLETE') {
      replace(status, `Export ${task.status}: ${task.message || ''}`);
      return;
    }
    const text = await api('GET', `/v2/zones/tasks/exports/${task.id}/export`, { accept: 'text/dns' });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/dns' }));
    const link = h('a', { id: 'export-download', href: url, download: `${zone.name.replace(/\.$/, '')}.zone` }, `Download ${zone.name} zone file`);
    replace(status, link);
    link.focus();
  } catch (error) {
    replace(status, problem(error));
  }
}
