package io.zonecast.central.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of central-service.
 *
 * @param poolsFile the pools file (Designate pools.yaml format) naming each pool's NS records; read
 *     again at SIGHUP
 * @param defaultTtl TTL of a zone created without one, in seconds
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param outbox how committed changes are relayed to RabbitMQ
 * @param soa the SOA timers written into every zone's SOA record, in seconds
 * @param recovery how zones left PENDING are handed to the pool manager again
 * @param noauthDefaultRoles roles of a request without {@code X-Roles} (Designate's noauth mode:
 *     admin)
 * @param quotas the quotas of a project that has none of its own
 * @param gaugesInterval how often the zones-by-status, outbox and queue-depth gauges are read
 */
@ConfigurationProperties("zonecast.central")
public record CentralProperties(
    @DefaultValue("etc/pools.yaml") Path poolsFile,
    @DefaultValue("3600") int defaultTtl,
    @DefaultValue("1048576") long maxRequestBytes,
    @DefaultValue Outbox outbox,
    @DefaultValue Soa soa,
    @DefaultValue Recovery recovery,
    @DefaultValue("admin") List<String> noauthDefaultRoles,
    @DefaultValue Quotas quotas,
    @DefaultValue("10s") Duration gaugesInterval) {

  /**
   * Designate's default quotas ({@code quota_*} options); a negative limit means unlimited.
   *
   * @param zones zones per project
   * @param zoneRecords records per zone (managed records excluded)
   * @param zoneRecordsets recordsets per zone (the managed SOA and NS included)
   * @param recordsetRecords records per recordset
   * @param apiExportSize recordsets per zone export
   */
  public record Quotas(
      @DefaultValue("10") long zones,
      @DefaultValue("500") long zoneRecordsets,
      @DefaultValue("500") long zoneRecords,
      @DefaultValue("20") long recordsetRecords,
      @DefaultValue("1000") long apiExportSize) {}

  /**
   * @param batchSize events published per round trip to the broker
   * @param pollInterval how often the relay looks for events even when nothing woke it (crash
   *     recovery, other instances' leftovers, MiniDNS's events while central's LISTEN on {@code
   *     zonecast_outbox} is down)
   * @param confirmTimeout how long to wait for the broker's publisher confirms of one batch
   */
  public record Outbox(
      @DefaultValue("200") int batchSize,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("5s") Duration confirmTimeout) {}

  /**
   * @param interval how often to look for zones left PENDING
   * @param pendingAfter a zone PENDING this long after its change was published is published again
   * @param batchSize zones re-published per round at most
   * @param maxBackoff the longest wait between two re-publications: each waits as long as the zone
   *     has been PENDING so far (so the waits double), at least pending-after, at most this
   */
  public record Recovery(
      @DefaultValue("15s") Duration interval,
      @DefaultValue("60s") Duration pendingAfter,
      @DefaultValue("100") int batchSize,
      @DefaultValue("10m") Duration maxBackoff) {}

  /**
   * @param refresh SOA REFRESH
   * @param retry SOA RETRY
   * @param expire SOA EXPIRE
   * @param minimum SOA MINIMUM (negative caching TTL, RFC 2308)
   */
  public record Soa(
      @DefaultValue("3600") int refresh,
      @DefaultValue("600") int retry,
      @DefaultValue("86400") int expire,
      @DefaultValue("3600") int minimum) {}
}
