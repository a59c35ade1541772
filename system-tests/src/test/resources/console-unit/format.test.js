import { test, equal } from './runner.js';
import { time, plural, parseMasters, dsParts } from '/console/js/format.js';

test('time reads the API’s zone-less timestamps as UTC', () => {
  equal(time('2024-01-02T03:04:05.000000'), new Date(Date.UTC(2024, 0, 2, 3, 4, 5)).toLocaleString());
});

test('time keeps a zone the timestamp gives', () => {
  equal(time('2024-01-02T03:04:05Z'), new Date(Date.UTC(2024, 0, 2, 3, 4, 5)).toLocaleString());
  equal(time('2024-01-02T05:04:05+02:00'), new Date(Date.UTC(2024, 0, 2, 3, 4, 5)).toLocaleString());
});

test('time of nothing is empty, of something unreadable is that text', () => {
  equal(time(null), '');
  equal(time(''), '');
  equal(time('yesterday'), 'yesterday');
});

test('plural says one and many', () => {
  equal(plural(0, 'zone'), '0 zones');
  equal(plural(1, 'zone'), '1 zone');
  equal(plural(21, 'zone'), '21 zones');
});

test('masters are split by lines, commas and blanks', () => {
  equal(parseMasters('192.0.2.53\n[2001:db8::53]:5353, 198.51.100.7:5300  \n\n'), ['192.0.2.53', '[2001:db8::53]:5353', '198.51.100.7:5300']);
  equal(parseMasters(''), []);
  equal(parseMasters(undefined), []);
});

test('a DS line is named in its parts', () => {
  equal(dsParts('40104 13 2 8a3b0c'), { keyTag: 40104, algorithm: 13, algorithmName: 'ECDSAP256SHA256', digestType: 2, digestName: 'SHA-256', digest: '8A3B0C' });
  equal(dsParts('5218 15 2 AB CD').algorithmName, 'ED25519');
  equal(dsParts('5218 15 2 AB CD').digest, 'ABCD');
});

test('anything else is no DS line', () => {
  equal(dsParts('40104 13 2'), null);
  equal(dsParts('tag 13 2 ab'), null);
  equal(dsParts('40104 13 2 xyz'), null);
  equal(dsParts(null), null);
});
