import { test, equal, throws } from './runner.js';
import { absolute, tokens, parseLines, lineNamed } from '/console/js/zonelines.js';

const ZONE = 'example.org.';

test('a relative name is taken inside the zone, @ and empty are the apex', () => {
  equal(absolute('www', ZONE), 'www.example.org.');
  equal(absolute(' @ ', ZONE), ZONE);
  equal(absolute('', ZONE), ZONE);
  equal(absolute('mail.example.net.', ZONE), 'mail.example.net.');
});

test('tokens keep quoted text whole, with its quotes and escapes', () => {
  equal(tokens('txt IN TXT "a b  c" "d\\"e"'), ['txt', 'IN', 'TXT', '"a b  c"', '"d\\"e"']);
  equal(tokens('  \tIN A 192.0.2.1\r'), ['IN', 'A', '192.0.2.1']);
});

test('an unquoted semicolon starts a comment, a quoted one does not', () => {
  equal(tokens('www A 192.0.2.1 ; the web'), ['www', 'A', '192.0.2.1']);
  equal(tokens('; only a comment'), []);
  equal(tokens('dkim TXT "v=DKIM1; k=rsa; p=MIGf" ; key'), ['dkim', 'TXT', '"v=DKIM1; k=rsa; p=MIGf"']);
});

test('an unclosed quote is an error', () => {
  throws(() => tokens('t TXT "open'), /quote/, 'unclosed');
});

test('lines of one name and type become one recordset, in line order', () => {
  const { groups, errors } = parseLines('www 300 IN A 192.0.2.1\nmail IN MX 10 mx.example.net.\nwww 300 IN A 192.0.2.2', ZONE);
  equal(errors, []);
  equal(groups, [
    { name: 'www.example.org.', type: 'A', ttl: 300, records: ['192.0.2.1', '192.0.2.2'], lines: [1, 3] },
    { name: 'mail.example.org.', type: 'MX', ttl: null, records: ['10 mx.example.net.'], lines: [2] },
  ]);
});

test('a line starting with blanks repeats the previous name', () => {
  const { groups } = parseLines('mail 300 IN MX 10 mx.example.net.\n  IN TXT "hello"', ZONE);
  equal(groups.map((g) => [g.name, g.type, g.records]), [
    ['mail.example.org.', 'MX', ['10 mx.example.net.']],
    ['mail.example.org.', 'TXT', ['"hello"']],
  ]);
});

test('a first line starting with blanks is the apex', () => {
  equal(parseLines('  IN TXT "apex"', ZONE).groups[0].name, ZONE);
});

test('$TTL gives the TTL of the lines after it; a TTL on the line wins', () => {
  const { groups } = parseLines('a A 192.0.2.1\n$TTL 600\nb A 192.0.2.2\nc 60 A 192.0.2.3', ZONE);
  equal(groups.map((g) => g.ttl), [null, 600, 60]);
});

test('class and TTL may come in either order, the class is optional, types in any case', () => {
  const { groups } = parseLines('a IN 120 a 192.0.2.1\nb 120 aaaa 2001:db8::1', ZONE);
  equal(groups.map((g) => [g.type, g.ttl]), [['A', 120], ['AAAA', 120]]);
});

test('a comment after the data is dropped, quoted text with semicolons kept', () => {
  const { groups } = parseLines('t TXT "v=DKIM1; k=rsa" ; note\nw A 192.0.2.1 ; the web', ZONE);
  equal(groups.map((g) => g.records[0]), ['"v=DKIM1; k=rsa"', '192.0.2.1']);
});

test('blank lines and comment lines are skipped without an error', () => {
  const { groups, errors } = parseLines('\n; a comment\n   \nw A 192.0.2.1\n', ZONE);
  equal(errors, []);
  equal(groups[0].lines, [4]);
});

test('lines that are no record are named with their number and text', () => {
  const { groups, errors } = parseLines('wrong line\nx IN SOA a. b. 1 2 3 4 5\ny A\n$ORIGIN example.net.\n$TTL 1h\nz TXT "open', ZONE);
  equal(groups, []);
  equal(errors, [
    { line: 1, text: 'wrong line', message: 'no record type zonecast manages' },
    { line: 2, text: 'x IN SOA a. b. 1 2 3 4 5', message: 'no record type zonecast manages' },
    { line: 3, text: 'y A', message: 'no data for the A record' },
    { line: 4, text: '$ORIGIN example.net.', message: '$ORIGIN is not supported here; use Import for whole zone files' },
    { line: 5, text: '$TTL 1h', message: '$TTL needs a number of seconds' },
    { line: 6, text: 'z TXT "open', message: 'a quote is not closed' },
  ]);
});

test('a record over several lines is refused, not half read', () => {
  const { groups, errors } = parseLines('@ IN MX ( 10\n  mx.example.net. )', ZONE);
  equal(groups, []);
  equal(errors.map((e) => e.line), [1, 2]);
  equal(errors[0].message, 'records over several lines (parentheses) are not supported here; use Import');
});

test('a line that is refused does not become the name later lines repeat', () => {
  const { groups } = parseLines('a A 192.0.2.1\nb BOGUS x\n  TXT "for a"', ZONE);
  equal(groups.map((g) => [g.name, g.type]), [['a.example.org.', 'A'], ['a.example.org.', 'TXT']]);
});

test('the line an import error names is found in the file', () => {
  const file = '$ORIGIN example.org.\n$TTL 300\nbroken 300 IN MX mail';
  equal(lineNamed('line 3: MX needs a preference', file), { number: 3, text: 'broken 300 IN MX mail' });
  equal(lineNamed('Line 1 is wrong', file), { number: 1, text: '$ORIGIN example.org.' });
  equal(lineNamed('line 9: beyond the file', file), null);
  equal(lineNamed('no line here', file), null);
  equal(lineNamed(undefined, file), null);
});
