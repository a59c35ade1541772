import { run } from './runner.js';

run(['./modules.test.js', './format.test.js', './errors.test.js', './recordtypes.test.js', './zonelines.test.js']);
