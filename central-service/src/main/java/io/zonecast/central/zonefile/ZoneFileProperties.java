package io.zonecast.central.zonefile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of zone imports and exports.
 *
 * @param maxImportBytes largest zone file accepted by an import (text/dns); larger ones get 413
 * @param workers imports and exports run at the same time at most; more wait their turn
 */
@ConfigurationProperties("zonecast.central.zone-files")
record ZoneFileProperties(
    @DefaultValue("67108864") long maxImportBytes, @DefaultValue("2") int workers) {}
