package io.zonecast.minidns.zonesource;

import java.util.UUID;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** A zone MiniDNS holds: its id, apex, serial and its SOA record (carrying that serial). */
public record ZoneHead(UUID id, Name name, long serial, long ttl, SOARecord soa) {}
