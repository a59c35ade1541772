package io.zonecast.minidns.zonesource;

import java.util.UUID;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A zone MiniDNS holds: its id, apex, serial (zones.serial) and its SOA record, which carries that
 * serial and the SOA recordset's TTL (the zone's TTL when the recordset has none).
 */
public record ZoneHead(UUID id, Name name, long serial, SOARecord soa) {}
