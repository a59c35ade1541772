package io.zonecast.central.zone;

import io.zonecast.central.blacklist.BlacklistService;
import io.zonecast.central.system.Caller;
import io.zonecast.central.tld.TldService;
import org.springframework.stereotype.Component;

/** What a new zone's name must satisfy besides DNS syntax: the TLDs and the blacklists. */
@Component
class ZoneNameRules {

  private final TldService tlds;
  private final BlacklistService blacklists;

  ZoneNameRules(TldService tlds, BlacklistService blacklists) {
    this.tlds = tlds;
    this.blacklists = blacklists;
  }

  void check(Caller caller, String zoneName) {
    tlds.checkZoneName(zoneName);
    blacklists.checkZoneName(caller, zoneName);
  }
}
