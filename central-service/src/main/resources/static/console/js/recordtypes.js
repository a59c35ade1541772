// The record types the console offers and what a record of each looks like. The API checks the
// data and says what is wrong; this is only help for typing it.

/** Per type: what its data is, and an example the API takes. */
export const TYPE_HELP = {
  A: ['An IPv4 address.', '192.0.2.10'],
  AAAA: ['An IPv6 address.', '2001:db8::10'],
  CNAME: ['One fully qualified name, ending in a dot. A CNAME stands alone at its name.', 'www.example.org.'],
  MX: ['Preference, then the mail server’s fully qualified name.', '10 mail.example.org.'],
  NS: ['A name server’s fully qualified name (not at the zone’s apex: zonecast manages those).', 'ns1.child.example.org.'],
  PTR: ['The fully qualified name an address maps back to.', 'host.example.org.'],
  SRV: ['Priority, weight, port, target (name like _service._proto.name).', '10 60 5060 sip.example.org.'],
  TXT: ['Text in double quotes; split text over 255 octets into several quoted strings.', '"v=spf1 -all"'],
  SPF: ['As TXT, the SPF policy in quotes.', '"v=spf1 mx -all"'],
  CAA: ['Flags, tag (issue, issuewild, iodef), value in quotes (RFC 8659).', '0 issue "letsencrypt.org"'],
  NAPTR: ['Order, preference, flags, service, regexp, replacement (RFC 3403).', '100 10 "U" "E2U+sip" "!^.*$!sip:info@example.org!" .'],
  SSHFP: ['Algorithm, fingerprint type, fingerprint in hex (RFC 4255).', '4 2 123456789abcdef67890123456789abcdef67890123456789abcdef123456789a'],
  CERT: ['Type, key tag, algorithm, certificate in base64 (RFC 4398).', 'PGP 0 0 AAAAAAAAAAAAAAAA'],
  TLSA: ['Usage, selector, matching type, data in hex (RFC 6698).', '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
  HTTPS: ['Priority, target, parameters (RFC 9460).', '1 . alpn="h2,h3"'],
  SVCB: ['Priority, target, parameters (RFC 9460).', '1 svc.example.org. port=8443'],
  DS: ['Key tag, algorithm, digest type, digest in hex, for a delegated child (RFC 4034).', '12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
};

export const RECORD_TYPES = Object.keys(TYPE_HELP);

/** { what, example } for a type (any case), or null for a type the console does not offer. */
export function typeHelp(type) {
  const help = TYPE_HELP[String(type || '').toUpperCase()];
  return help ? { what: help[0], example: help[1] } : null;
}
