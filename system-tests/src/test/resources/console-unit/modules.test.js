import { test, equal } from './runner.js';

// every module but app.js (which starts the console): loading one links its imports, so a name
// imported that a module does not export fails here
const MODULES = ['api', 'dom', 'extensions', 'lifecycle', 'zones', 'records', 'propagation', 'tasks', 'operators', 'secondary', 'dnssec', 'shares', 'transfers'];

test('every module of the console loads and its imports resolve', async () => {
  for (const name of MODULES) {
    await import(`/console/js/${name}.js`);
  }
});

test('the feature panels apply to the zones they are for', async () => {
  const { registeredZonePanels } = await import('/console/js/extensions.js');
  await Promise.all(['secondary', 'dnssec', 'shares', 'transfers'].map((name) => import(`/console/js/${name}.js`)));
  const primary = registeredZonePanels({ type: 'PRIMARY' }).map((p) => p.id);
  const secondary = registeredZonePanels({ type: 'SECONDARY' }).map((p) => p.id);
  equal(primary.filter((id) => ['secondary', 'dnssec', 'shares', 'transfer'].includes(id)).sort(), ['dnssec', 'shares', 'transfer']);
  equal(secondary.filter((id) => ['secondary', 'dnssec', 'shares', 'transfer'].includes(id)).sort(), ['secondary', 'shares', 'transfer']);
});
