package io.zonecast.central.reserved;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.tld.TldService;
import io.zonecast.model.pool.Pool;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps names that belong to no single project from being squatted: a zone at or below a reserved
 * name ({@link ReservedNamesProperties}) is created by an admin only; anyone else gets 400
 * invalid_zone_name, as for a blacklisted name. A TLD an admin has created at or below a reserved
 * name opens the names below it (a TLD {@code test} lets projects create {@code a.test.}; a TLD
 * {@code in-addr.arpa} lets them create reverse zones).
 */
@Component
@EnableConfigurationProperties(ReservedNamesProperties.class)
public class ReservedNames {

  private final ReservedNamesProperties properties;
  private final PoolCatalog pools;
  private final TldService tlds;

  ReservedNames(ReservedNamesProperties properties, PoolCatalog pools, TldService tlds) {
    this.properties = properties;
    this.pools = pools;
    this.tlds = tlds;
  }

  /**
   * @param zoneName absolute, lower-case, with the trailing dot
   */
  public void check(Caller caller, String zoneName) {
    if (caller.isAdmin()) {
      return;
    }
    for (String reserved : reserved()) {
      if (atOrBelow(zoneName, reserved) && !openedByTld(zoneName, reserved)) {
        throw ApiException.badRequest(
            "invalid_zone_name",
            "Zone name "
                + zoneName
                + " is reserved ("
                + reserved
                + " and the names below it): only an admin may create it");
      }
    }
  }

  /** The reserved names in force: the configured ones and the pools' nameserver domains. */
  Set<String> reserved() {
    Set<String> names = new LinkedHashSet<>();
    for (String name : properties.names()) {
      if (!name.isBlank()) {
        names.add(absolute(name));
      }
    }
    if (properties.poolNameserverDomains()) {
      for (Pool pool : pools.all()) {
        for (Pool.NsRecord ns : pool.nsRecords()) {
          String host = absolute(ns.hostname());
          int dot = host.indexOf('.');
          if (dot > 0 && dot < host.length() - 1) {
            names.add(host.substring(dot + 1));
          }
        }
      }
    }
    return names;
  }

  private boolean openedByTld(String zoneName, String reserved) {
    return tlds.tldsAbove(zoneName).stream()
        .map(ReservedNames::absolute)
        .anyMatch(tld -> !tld.equals(zoneName) && atOrBelow(tld, reserved));
  }

  static boolean atOrBelow(String name, String ancestor) {
    return name.equals(ancestor) || name.endsWith("." + ancestor);
  }

  private static String absolute(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
