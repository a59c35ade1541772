// A zone's DNSSEC (zonecast's own /v2/zones/{id}/dnssec, docs/dnssec.md): turn signing on, see
// the keys with their role and state, copy the DS lines for the parent zone's registrar, roll the
// ZSK, roll the KSK by double-DS (say when the parent publishes the new DS), and turn signing off in
// its two steps.
import { api } from './api.js';
import { h, replace, announce, confirmAction, field, clearErrors, showError, formError, problem, time, badge } from './dom.js';
import { registerZonePanel } from './extensions.js';
import { dsParts } from './format.js';
import { sharedWithMe } from './zones.js';

const ALGORITHMS = [
  ['ECDSAP256SHA256', 'ECDSAP256SHA256 (13), the default'],
  ['ED25519', 'ED25519 (15)'],
];

registerZonePanel({
  id: 'dnssec',
  title: 'DNSSEC',
  // zonecast signs only the PRIMARY zones it stores (a SECONDARY zone is signed at its master);
  // a project the zone is only shared with has no access to its DNSSEC (the API answers 404)
  applies: (zone) => zone.type !== 'SECONDARY' && !sharedWithMe(zone),
  render(container, zone) {
    const body = h('div', { id: 'dnssec-body' });
    // the zone's status as the page polls it: signing shows as PENDING until every server has it
    const zoneStatus = h('span', { id: 'dnssec-zone-status' }, badge(zone.status));
    const outcome = h('div', { id: 'dnssec-outcome', role: 'status' });
    container.append(body, outcome);

    const call = async (method, path, json, done) => {
      replace(outcome);
      try {
        const status = await api(method, path, { json });
        announce(done);
        show(status);
      } catch (error) {
        replace(outcome, problem(error));
      }
    };

    const enableForm = (status) => {
      const algorithm = h('select', { name: 'algorithm' }, ALGORITHMS.map(([value, label]) => h('option', { value }, label)));
      const nsec3 = h('input', { name: 'nsec3', type: 'checkbox', checked: status.nsec3 !== false });
      const form = h('form', { id: 'dnssec-enable-form', class: 'card', novalidate: true },
        h('h3', {}, 'Sign this zone'),
        formError(),
        field('dnssec-algorithm', 'Algorithm', algorithm),
        h('div', { class: 'field check' }, nsec3, h('label', { for: 'dnssec-nsec3' }, 'Authenticated denial with NSEC3 (RFC 9276 parameters); unchecked: NSEC')),
        h('p', { class: 'help' }, 'zonecast makes a KSK and a ZSK and signs every change as it is written. Then give the DS lines shown here to the parent zone’s registrar.'),
        h('div', { class: 'actions' }, h('button', { id: 'dnssec-enable', type: 'submit' }, 'Enable signing')));
      nsec3.id = 'dnssec-nsec3';
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        try {
          const answered = await api('PUT', `/v2/zones/${zone.id}/dnssec`, { json: { enabled: true, algorithm: algorithm.value, nsec3: nsec3.checked } });
          announce('Signing enabled');
          show(answered);
        } catch (error) {
          showError(form, error);
        }
      });
      return form;
    };

    const dsBlock = (ds) => {
      const lines = ds.join('\n');
      const text = h('textarea', { id: 'dnssec-ds', readonly: true, rows: Math.max(ds.length, 1), spellcheck: 'false', 'aria-describedby': 'dnssec-ds-help' });
      text.value = lines;
      const copied = h('span', { id: 'dnssec-ds-copied', role: 'status' });
      const copy = h('button', { id: 'dnssec-ds-copy', type: 'button' }, 'Copy DS lines');
      copy.addEventListener('click', async () => {
        text.select();
        try {
          await navigator.clipboard.writeText(lines);
          copied.textContent = 'Copied.';
        } catch (e) {
          // no clipboard (an insecure origin, or refused): the text is selected for Ctrl+C
          copied.textContent = 'Selected: press Ctrl+C to copy.';
        }
      });
      return h('div', { class: 'field' },
        h('label', { for: 'dnssec-ds' }, 'DS records for the parent zone'),
        text,
        h('p', { id: 'dnssec-ds-help', class: 'help' }, 'One line per KSK: key tag, algorithm, digest type (2: SHA-256), digest. Registrars that ask for the parts one by one: ',
          ds.map((line) => {
            const parts = dsParts(line);
            return parts ? h('span', { class: 'chip' }, `key tag ${parts.keyTag}, ${parts.algorithmName} (${parts.algorithm}), ${parts.digestName} (${parts.digestType})`) : '';
          })),
        h('div', { class: 'actions' }, copy, copied));
    };

    const keysTable = (keys) =>
      h('table', { id: 'dnssec-keys' },
        h('caption', {}, 'Keys (private keys are never shown)'),
        h('thead', {}, h('tr', {}, ['Role', 'Key tag', 'Algorithm', 'State', 'Published', 'Active', 'Retires', 'Removed'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, keys.map((key) =>
          h('tr', { 'data-key-tag': key.key_tag, 'data-role': key.role, 'data-state': key.state },
            h('th', { scope: 'row' }, key.role),
            h('td', { class: 'number' }, key.key_tag),
            h('td', {}, key.algorithm),
            h('td', {}, badge(key.state, 'key')),
            h('td', {}, time(key.published_at)),
            h('td', {}, time(key.active_at)),
            h('td', {}, time(key.retire_at) || '—'),
            h('td', {}, time(key.remove_at) || '—')))));

    const show = (status) => {
      const parts = [
        h('p', { id: 'dnssec-state' }, 'Signing: ', badge(status.signing, 'signing'),
          status.algorithm ? ` · ${status.algorithm} · ${status.nsec3 ? 'NSEC3' : 'NSEC'}` : '',
          ' · zone ', zoneStatus),
      ];
      if (status.signing === 'UNSIGNED') {
        parts.push(enableForm(status));
      } else {
        if (status.signing === 'DISABLING') {
          parts.push(h('p', { id: 'dnssec-disabling', class: 'status-message' },
            'Signing is being turned off: the zone is still signed and publishes the CDS/CDNSKEY “delete” records. Remove the DS at the parent now, wait for its TTL to pass, then remove the keys.'));
        } else {
          parts.push(dsBlock(status.ds));
        }
        parts.push(keysTable(status.keys));
        parts.push(actions(status));
      }
      replace(body, parts);
    };

    const actions = (status) => {
      const buttons = [];
      // the API runs one rollover at a time: a key that does not sign yet (or any more) is one under way
      const rolling = status.keys.some((key) => key.state !== 'ACTIVE');
      const waiting = status.keys.find((key) => key.role === 'KSK' && key.state === 'DS_PENDING' && !key.ds_published_at);
      if (status.signing === 'SIGNED') {
        if (!rolling) {
          buttons.push(h('button', {
            id: 'dnssec-rollover-zsk', type: 'button',
            onclick: async () => {
              if (!(await confirmAction('Roll the ZSK? A new ZSK is published now and signs once resolvers have had time to see it; the old one is then retired and removed.', 'Roll the ZSK'))) return;
              await call('POST', `/v2/zones/${zone.id}/dnssec/rollover`, { role: 'ZSK' }, 'ZSK rollover started');
            },
          }, 'Roll the ZSK'));
          buttons.push(h('button', {
            id: 'dnssec-rollover-ksk', type: 'button',
            onclick: async () => {
              if (!(await confirmAction('Roll the KSK? A new KSK is made and its DS shown beside the old one: add it at the parent, then come back here to say it is published.', 'Roll the KSK'))) return;
              await call('POST', `/v2/zones/${zone.id}/dnssec/rollover`, { role: 'KSK' }, 'KSK rollover started: add the new DS at the parent');
            },
          }, 'Roll the KSK…'));
        } else if (waiting) {
          // double-DS (RFC 6781 section 4.1.2): the new KSK is served only once the parent has its DS
          buttons.push(h('button', {
            id: 'dnssec-checkds', type: 'button',
            onclick: async () => {
              if (!(await confirmAction(`Does the parent zone now publish the DS of key ${waiting.key_tag}? Confirm only once it does: the new KSK then signs the DNSKEY set after the parent's DS TTL.`, 'The parent publishes it'))) return;
              await call('POST', `/v2/zones/${zone.id}/dnssec/checkds`, { ds: 'published', key_tag: waiting.key_tag }, 'The new DS is published at the parent');
            },
          }, `The parent publishes DS ${waiting.key_tag}…`));
        }
        buttons.push(h('button', {
          id: 'dnssec-disable', type: 'button', class: 'danger',
          onclick: async () => {
            if (!(await confirmAction('Start turning signing off? The zone stays signed and tells the parent to remove its DS (CDS/CDNSKEY delete records).', 'Start turning off'))) return;
            await call('PUT', `/v2/zones/${zone.id}/dnssec`, { enabled: false }, 'Signing is being turned off');
          },
        }, 'Turn signing off…'));
      } else if (status.signing === 'DISABLING') {
        buttons.push(h('button', {
          id: 'dnssec-keep', type: 'button',
          onclick: () => call('PUT', `/v2/zones/${zone.id}/dnssec`, { enabled: true }, 'Signing kept'),
        }, 'Keep signing'));
        buttons.push(h('button', {
          id: 'dnssec-remove-keys', type: 'button', class: 'danger',
          onclick: async () => {
            if (!(await confirmAction('Remove the keys and every signature? Do this only once the parent has no DS for the zone any more, or validating resolvers will fail it.', 'Remove the keys'))) return;
            await call('PUT', `/v2/zones/${zone.id}/dnssec`, { enabled: false }, 'Signing turned off');
          },
        }, 'Remove the keys'));
      }
      return h('div', { class: 'actions' }, buttons);
    };

    const load = async () => {
      try {
        show(await api('GET', `/v2/zones/${zone.id}/dnssec`));
      } catch (error) {
        replace(body, problem(error));
      }
    };
    // key states and the DS change with the zone's changes (a rollover's steps move the serial)
    return load().then(() => (current, changed) => {
      replace(zoneStatus, badge(current.status));
      // not while the reader is in the panel's form or on its buttons
      if (changed && !body.contains(document.activeElement)) load();
    });
  },
});
