// Zone-file lines (RFC 1035 section 5.1) as the console reads them for bulk paste, and the line of
// a zone file an import's error message names.
import { TYPE_HELP } from './recordtypes.js';

/** A name as the API wants it: '@' or empty is the apex, a name without a final dot is inside the zone. */
export function absolute(name, zoneName) {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed === '@') return zoneName;
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.${zoneName}`;
}

/**
 * The tokens of one line: blanks separate them except inside double quotes (a backslash escapes
 * the next character), and an unquoted ';' starts a comment. Quoted tokens keep their quotes, as
 * the API takes TXT data. Throws on an unclosed quote.
 */
export function tokens(line) {
  const found = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < line.length) current += line[++i];
      else if (c === '"') quoted = false;
    } else if (c === ';') {
      break;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      if (started) found.push(current);
      current = '';
      started = false;
    } else {
      if (c === '"') quoted = true;
      current += c;
      started = true;
    }
  }
  if (quoted) throw new Error('a quote is not closed');
  if (started) found.push(current);
  return found;
}

/**
 * Lines as in a zone file: name [ttl] [IN] type data. A name left out (line starting with
 * blanks) repeats the previous one, '@' is the apex, $TTL sets the TTL of the lines after it.
 * Other $ directives and records over several lines (parentheses) are refused with their line
 * number: whole zone files go to Import. Lines of one name and type become one group.
 */
export function parseLines(text, zoneName) {
  const groups = new Map();
  const errors = [];
  let previous = zoneName;
  let defaultTtl = null;
  text.split('\n').forEach((raw, index) => {
    const number = index + 1;
    const refuse = (message) => errors.push({ line: number, text: raw, message });
    let words;
    try {
      words = tokens(raw);
    } catch (e) {
      refuse(e.message);
      return;
    }
    if (words.length === 0) return;
    if (words[0].startsWith('$')) {
      if (words[0].toUpperCase() === '$TTL' && /^\d+$/.test(words[1] || '') && words.length === 2) {
        defaultTtl = Number(words[1]);
      } else if (words[0].toUpperCase() === '$TTL') {
        refuse('$TTL needs a number of seconds');
      } else {
        refuse(`${words[0]} is not supported here; use Import for whole zone files`);
      }
      return;
    }
    if (words.some((w) => w === '(' || w === ')' || (!w.startsWith('"') && /[()]/.test(w)))) {
      refuse('records over several lines (parentheses) are not supported here; use Import');
      return;
    }
    let owner = previous;
    if (!/^[ \t]/.test(raw)) owner = absolute(words.shift(), zoneName);
    let ttl = defaultTtl;
    let i = 0;
    while (i < words.length && !TYPE_HELP[words[i].toUpperCase()]) {
      if (/^\d+$/.test(words[i])) ttl = Number(words[i]);
      else if (words[i].toUpperCase() !== 'IN') break;
      i++;
    }
    const type = (words[i] || '').toUpperCase();
    const data = words.slice(i + 1).join(' ');
    if (!TYPE_HELP[type]) {
      refuse('no record type zonecast manages');
      return;
    }
    if (data === '') {
      refuse(`no data for the ${type} record`);
      return;
    }
    previous = owner;
    const key = `${owner} ${type}`;
    if (!groups.has(key)) groups.set(key, { name: owner, type, ttl, records: [], lines: [] });
    const group = groups.get(key);
    group.records.push(data);
    group.lines.push(number);
  });
  return { groups: [...groups.values()], errors };
}

/** The line an error message names ("line 7: ..."): { number, text }, or null. */
export function lineNamed(message, content) {
  const match = /\bline (\d+)\b/i.exec(message || '');
  if (!match) return null;
  const number = Number(match[1]);
  const text = content.split('\n')[number - 1];
  return text === undefined ? null : { number, text };
}
