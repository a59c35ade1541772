// How values of the API are written on the page.

/** The API's times are UTC without a zone (Designate's format); shown in the reader's time. */
export function time(value) {
  if (!value) return '';
  const date = new Date(/Z$|[+-]\d\d:?\d\d$/.test(value) ? value : value + 'Z');
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

/** '1 zone', '3 zones'. */
export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Masters as typed: one per line, or separated by commas or blanks; empty ones dropped. */
export function parseMasters(text) {
  return String(text || '')
    .split(/[\s,]+/)
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

// DNSSEC algorithm numbers (IANA registry, RFC 8624) of the DS lines zonecast makes
const ALGORITHMS = { 8: 'RSASHA256', 10: 'RSASHA512', 13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519', 16: 'ED448' };
const DIGESTS = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };

/**
 * A DS line as the API gives it ("<key tag> <algorithm> <digest type> <digest>", RFC 4034
 * section 5.3) in its parts, named, for registrars' forms that ask for them one by one; null
 * for anything else.
 */
export function dsParts(line) {
  const match = /^\s*(\d{1,5})\s+(\d{1,3})\s+(\d{1,3})\s+([0-9A-Fa-f\s]+?)\s*$/.exec(String(line || ''));
  if (!match) return null;
  const algorithm = Number(match[2]);
  const digestType = Number(match[3]);
  return {
    keyTag: Number(match[1]),
    algorithm,
    algorithmName: ALGORITHMS[algorithm] || `algorithm ${algorithm}`,
    digestType,
    digestName: DIGESTS[digestType] || `digest ${digestType}`,
    digest: match[4].replace(/\s+/g, '').toUpperCase(),
  };
}
