import { run } from './runner.js';

run(['./format.test.js', './errors.test.js', './recordtypes.test.js', './zonelines.test.js']);
