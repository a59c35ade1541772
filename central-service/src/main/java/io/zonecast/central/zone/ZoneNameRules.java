package io.zonecast.central.zone;

import io.zonecast.central.blacklist.BlacklistService;
import io.zonecast.central.reserved.ReservedNames;
import io.zonecast.central.system.Caller;
import io.zonecast.central.tld.TldService;
import org.springframework.stereotype.Component;

/**
 * What a new zone's name must satisfy besides DNS syntax: the TLDs, the blacklists and the reserved
 * names.
 */
@Component
class ZoneNameRules {

  private final TldService tlds;
  private final BlacklistService blacklists;
  private final ReservedNames reserved;

  ZoneNameRules(TldService tlds, BlacklistService blacklists, ReservedNames reserved) {
    this.tlds = tlds;
    this.blacklists = blacklists;
    this.reserved = reserved;
  }

  void check(Caller caller, String zoneName) {
    tlds.checkZoneName(zoneName);
    blacklists.checkZoneName(caller, zoneName);
    reserved.check(caller, zoneName);
  }
}
