package io.zonecast.minidns.zonesource;

import org.xbill.DNS.Name;

/**
 * A zone MiniDNS knows but has no content for: a SECONDARY zone never transferred from its masters
 * has no SOA. Like BIND with a zone it could not load, MiniDNS answers SERVFAIL for it (queries and
 * transfers) rather than invent a SOA.
 */
public final class ZoneNotLoaded extends RuntimeException {

  private final transient Name zone;

  public ZoneNotLoaded(Name zone) {
    super(zone + " has no content yet (a SECONDARY zone never transferred)", null, false, false);
    this.zone = zone;
  }

  public Name zone() {
    return zone;
  }
}
