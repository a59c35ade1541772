// Which field of a form an API error is about. The API's error has a type (Designate's, such as
// invalid_ttl or duplicate_zone) and a message that names the property ('masters', records[0],
// ...). A form's controls are named after the API fields they fill.

// error types that say which field they are about, whatever the message says
const BY_TYPE = {
  invalid_ttl: 'ttl',
  invalid_zone_name: 'name',
  duplicate_zone: 'name',
  invalid_recordset_name: 'name',
  duplicate_recordset: 'name',
  invalid_key: 'key',
  duplicate_shared_zone: 'target_project_id',
  zone_transfer_request_not_found: 'zone_transfer_request_id',
};

// otherwise the first of these whose pattern the message matches and the form has
const BY_MESSAGE = [
  ['masters', /\bmasters?\b/i],
  ['target_project_id', /target_project_id|\bproject\b|zone owner/i],
  ['zone_transfer_request_id', /zone_transfer_request_id|transfer request/i],
  ['key', /'key'|\bkey\b/i],
  ['records', /records|record data|\brecord\b|rdata/i],
  ['ttl', /\bttl\b/i],
  ['email', /e-?mail/i],
  ['type', /'type'|record type|\btype\b/i],
  ['algorithm', /algorithm/i],
  ['description', /description/i],
  ['name', /'name'|\bname\b|zone|label|fqdn|hostname/i],
];

/**
 * The name of the field (one of fieldNames) an error is about, or null when it names none of
 * them: then it belongs above the form.
 */
export function fieldFor(error, fieldNames) {
  const names = new Set(fieldNames);
  const byType = error && BY_TYPE[error.type];
  if (byType && names.has(byType)) return byType;
  const message = (error && error.message) || '';
  for (const [name, pattern] of BY_MESSAGE) {
    if (names.has(name) && pattern.test(message)) return name;
  }
  return null;
}
