// The console's shell: who is signed in, the navigation, and which page the hash shows.
import * as api from './api.js';
import { h, replace, problem } from './dom.js';
import { registerPage, registeredPages } from './extensions.js';
import { leave } from './lifecycle.js';
import { zonesPage, zoneFormPage, zonePage } from './zones.js';
import { importPage } from './tasks.js';
import { operatorsPage } from './operators.js';
// panels of a zone's page (extensions.js), shown in the order these modules are imported
import './secondary.js';
import './dnssec.js';
import './shares.js';
import { transfersPage } from './transfers.js';

registerPage({ id: 'zones', title: 'Zones', route: /^zones$/, render: zonesPage });
registerPage({ id: 'zone-new', route: /^zones\/new$/, render: (main) => zoneFormPage(main, null), nav: false });
registerPage({ id: 'zone-edit', route: /^zones\/([0-9a-f-]{36})\/edit$/, render: (main, m) => zoneFormPage(main, m[1]), nav: false });
registerPage({ id: 'zone', route: /^zones\/([0-9a-f-]{36})$/, render: (main, m) => zonePage(main, m[1]), nav: false });
registerPage({ id: 'import', title: 'Import', route: /^import$/, render: importPage });
registerPage({ id: 'operators', title: 'Operators', route: /^operators$/, render: operatorsPage, admin: true });
registerPage({ id: 'transfers', title: 'Transfers', route: /^transfers$/, render: transfersPage });

const main = document.getElementById('main');

function navigation() {
  const current = (window.location.hash || '#/zones').slice(2).split('/')[0];
  const items = registeredPages()
    .filter((page) => page.nav !== false && (!page.admin || api.mode() === 'token' || api.isAdmin()))
    .map((page) =>
      h('li', {}, h('a', { href: `#/${page.id}`, 'aria-current': current === page.id ? 'page' : null }, page.title))
    );
  replace(document.getElementById('nav'), api.signedIn() ? items : []);
}

function who() {
  const place = document.getElementById('who');
  if (!api.signedIn()) {
    replace(place);
    return;
  }
  const label = api.mode() === 'token' ? 'Signed in' : 'Project';
  replace(
    place,
    h('span', {}, `${label}: `, h('strong', { id: 'current-project' }, api.project() || '(from the token)')),
    api.isAdmin() ? h('span', { class: 'badge role-admin' }, 'admin') : '',
    h('button', { id: 'sign-out', type: 'button', class: 'link', onclick: signOut }, api.mode() === 'token' ? 'Sign out' : 'Switch project')
  );
}

function signOut() {
  api.signOut();
  sessionStorage.removeItem('zonecast.console.project');
  show();
}

function signInPage() {
  document.title = 'Sign in · zonecast console';
  if (api.mode() === 'token') {
    const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
    const form = h(
      'form',
      { id: 'token-form', class: 'card narrow' },
      h('h1', {}, 'Sign in'),
      h('p', {}, 'This zonecast needs a bearer token (a JWT from your identity provider). The console keeps it in this page’s memory only: a reload or closing the tab forgets it.'),
      h('div', { class: 'field' }, h('label', { for: 'token' }, 'Token'), token),
      h('button', { type: 'submit' }, 'Sign in')
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      api.useToken(token.value);
      token.value = '';
      start();
    });
    replace(main, form);
    token.focus();
    return;
  }
  const projectInput = h('input', { id: 'project-id', name: 'project', required: true, pattern: '[A-Za-z0-9_.:@\\-]{1,255}', autocomplete: 'on', value: sessionStorage.getItem('zonecast.console.project') || '' });
  const admin = h('input', { id: 'project-admin', type: 'checkbox' });
  const form = h(
    'form',
    { id: 'project-form', class: 'card narrow' },
    h('h1', {}, 'Choose a project'),
    h('p', {}, 'This zonecast runs without authentication (noauth): the console acts for the project you name, sending it as X-Auth-Project-ID, with the roles below as X-Roles.'),
    h('div', { class: 'field' }, h('label', { for: 'project-id' }, 'Project ID'), projectInput),
    h('div', { class: 'field check' }, admin, h('label', { for: 'project-admin' }, 'Admin role (operators’ pages, all projects)')),
    h('button', { type: 'submit' }, 'Use this project')
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const project = projectInput.value.trim();
    api.useProject(project, admin.checked ? ['admin', 'member'] : ['member', 'reader']);
    sessionStorage.setItem('zonecast.console.project', project);
    start();
  });
  replace(main, form);
  projectInput.focus();
}

function start() {
  if (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#/signin') {
    window.location.hash = '#/zones'; // shown by the hashchange
    return;
  }
  show();
}

function show() {
  leave();
  navigation();
  who();
  if (!api.signedIn()) {
    signInPage();
    return;
  }
  const path = (window.location.hash || '#/zones').slice(2);
  for (const page of registeredPages()) {
    const match = path.match(page.route);
    if (match) {
      replace(main);
      Promise.resolve(page.render(main, match)).catch((error) => replace(main, problem(error)));
      main.focus({ preventScroll: true });
      return;
    }
  }
  replace(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/zones' }, 'Back to the zones')));
}

window.addEventListener('hashchange', show);
api.whenUnauthorized(() => {
  api.signOut();
  show();
});

api
  .detectMode()
  .then(() => show())
  .catch((error) => replace(main, problem(error)));
