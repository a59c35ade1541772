import { test, equal } from './runner.js';
import { RECORD_TYPES, TYPE_HELP, typeHelp } from '/console/js/recordtypes.js';
import { parseLines } from '/console/js/zonelines.js';

test('the types offered are the ones zonecast manages', () => {
  equal(RECORD_TYPES, ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'PTR', 'SRV', 'TXT', 'SPF', 'CAA', 'NAPTR', 'SSHFP', 'CERT', 'TLSA', 'HTTPS', 'SVCB', 'DS']);
});

test('every type has help and an example', () => {
  for (const type of RECORD_TYPES) {
    const help = typeHelp(type);
    equal(typeof help.what === 'string' && help.what.length > 10, true, `${type} help`);
    equal(typeof help.example === 'string' && help.example.length > 0, true, `${type} example`);
  }
});

test('help is found whatever the case, and is null for a type not offered', () => {
  equal(typeHelp('mx'), { what: TYPE_HELP.MX[0], example: '10 mail.example.org.' });
  equal(typeHelp('SOA'), null);
  equal(typeHelp(''), null);
  equal(typeHelp(undefined), null);
});

test('each type’s example pasted as a zone-file line is that record, unchanged', () => {
  for (const type of RECORD_TYPES) {
    const { example } = typeHelp(type);
    const { groups, errors } = parseLines(`x 300 IN ${type} ${example}`, 'example.org.');
    equal(errors, [], `${type} errors`);
    equal(groups, [{ name: 'x.example.org.', type, ttl: 300, records: [example], lines: [1] }], type);
  }
});
