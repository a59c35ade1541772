import { test, equal } from './runner.js';
import { fieldFor } from '/console/js/errors.js';

const ZONE_FORM = ['name', 'type', 'masters', 'email', 'ttl', 'description'];
const RECORDSET_FORM = ['name', 'type', 'ttl', 'records', 'description'];

test('an error type that names its field wins over the message', () => {
  equal(fieldFor({ type: 'invalid_ttl', message: 'ttl must be between 0 and 2147483647' }, ZONE_FORM), 'ttl');
  equal(fieldFor({ type: 'duplicate_zone', message: 'Zone example.org. already exists' }, ZONE_FORM), 'name');
  equal(fieldFor({ type: 'invalid_key', message: 'Invalid key' }, ['zone_transfer_request_id', 'key']), 'key');
  equal(fieldFor({ type: 'duplicate_shared_zone', message: 'Zone example.org. is already shared with project p' }, ['target_project_id']), 'target_project_id');
});

test('a master that is no address goes to the masters, not the name', () => {
  const error = { type: 'invalid_object', message: "'primary.example.net' is not a valid master: its host is not an IPv4 or IPv6 address" };
  equal(fieldFor(error, ZONE_FORM), 'masters');
  equal(fieldFor({ type: 'invalid_object', message: "'masters' is a required property" }, ZONE_FORM), 'masters');
});

test('a record the API refuses goes to the records', () => {
  equal(fieldFor({ type: 'invalid_object', message: "'192.0.2.300' is not a 'ipv4' (records[0])" }, RECORDSET_FORM), 'records');
});

test('the messages of the other fields find them', () => {
  equal(fieldFor({ type: 'invalid_object', message: "'email' is a required property" }, ZONE_FORM), 'email');
  equal(fieldFor({ type: 'invalid_object', message: 'description is longer than 160 characters' }, ZONE_FORM), 'description');
  equal(fieldFor({ type: 'invalid_object', message: "'target_project_id' must be between 1 and 36 characters" }, ['target_project_id']), 'target_project_id');
  equal(fieldFor({ type: 'bad_request', message: 'Cannot share the zone with the zone owner.' }, ['target_project_id']), 'target_project_id');
  equal(fieldFor({ type: 'invalid_object', message: 'zone_transfer_request_id is not a UUID: x' }, ['zone_transfer_request_id', 'key']), 'zone_transfer_request_id');
  equal(fieldFor({ type: 'invalid_object', message: "'key' is a required property" }, ['zone_transfer_request_id', 'key']), 'key');
  equal(fieldFor({ type: 'invalid_object', message: 'Unknown algorithm: RSAMD5' }, ['algorithm', 'nsec3']), 'algorithm');
});

test('a field the form does not have is never chosen', () => {
  equal(fieldFor({ type: 'invalid_ttl', message: 'ttl must be between 0 and 2147483647' }, ['name']), null);
  equal(fieldFor({ type: 'over_quota', message: 'Quota exceeded' }, ZONE_FORM), null);
  equal(fieldFor({ type: 'forbidden', message: 'You are not authorized' }, []), null);
});

test('an error without message or type names nothing', () => {
  equal(fieldFor({}, ZONE_FORM), null);
  equal(fieldFor(null, ZONE_FORM), null);
});
