// A small test runner for the console's modules, run in the browser by ConsoleScriptsIT: each
// test module registers its cases with test(); run() imports the modules, runs every case and
// publishes the outcome on the page and as window.consoleUnitResults.

const cases = [];

export function test(name, body) {
  cases.push({ name, body });
}

function show(value) {
  return JSON.stringify(value, (key, v) => (v === undefined ? '(undefined)' : v));
}

/** Deep equality by JSON form (the values tested are plain data). */
export function equal(actual, expected, what = '') {
  if (show(actual) !== show(expected)) {
    throw new Error(`${what ? what + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function throws(body, pattern, what = '') {
  try {
    body();
  } catch (e) {
    if (!pattern.test(e.message)) throw new Error(`${what}: threw "${e.message}", not ${pattern}`);
    return;
  }
  throw new Error(`${what ? what + ': ' : ''}expected an error matching ${pattern}, nothing was thrown`);
}

export async function run(modules) {
  const results = [];
  for (const module of modules) {
    try {
      await import(module);
    } catch (e) {
      results.push({ name: `loading ${module}`, passed: false, message: String(e) });
    }
  }
  for (const { name, body } of cases) {
    try {
      await body();
      results.push({ name, passed: true, message: '' });
    } catch (e) {
      results.push({ name, passed: false, message: e && e.message ? e.message : String(e) });
    }
  }
  const list = document.getElementById('results');
  for (const result of results) {
    const item = document.createElement('li');
    item.className = result.passed ? 'passed' : 'failed';
    item.textContent = `${result.passed ? 'PASS' : 'FAIL'} ${result.name}${result.message ? ': ' + result.message : ''}`;
    list.append(item);
  }
  const failed = results.filter((r) => !r.passed).length;
  document.getElementById('summary').textContent = `${results.length - failed} passed, ${failed} failed`;
  window.consoleUnitResults = results;
}
