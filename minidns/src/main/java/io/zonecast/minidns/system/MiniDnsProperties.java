package io.zonecast.minidns.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the MiniDNS server ({@code zonecast.minidns.*}).
 *
 * @param host address the DNS server listens on, UDP and TCP
 * @param port DNS port, UDP and TCP (Designate's MiniDNS uses 5354)
 * @param tcpIdleTimeout a TCP connection that sends nothing for this long is closed (RFC 7766
 *     6.2.3)
 * @param tcpRequestTimeout a TCP connection must send a whole request within this of connecting (or
 *     of the first byte of a later request), else it is closed
 * @param maxTcpConnections TCP connections served at once; more are closed at once (RFC 7766 6.2.2)
 * @param tcpReservedForPool of those, this many only the servers of the pools (and allow-transfer)
 *     may hold; the rest are shared by the sources allowed to query only
 * @param maxTcpConnectionsPerSource TCP connections one source allowed to query only may hold
 * @param maxUdpInFlight UDP queries being answered at once; more are dropped (the client retries)
 * @param transferFetchSize database rows fetched per round trip while streaming a zone transfer
 * @param maxIxfrRecords an IXFR whose journal holds more records since the client's serial is
 *     answered with the whole zone, which is streamed (RFC 1995 section 4 lets a server do so); the
 *     journal's steps are condensed in memory, some 1 KiB a record, so this bounds the heap one
 *     IXFR takes (signing a 100,000-record zone is one step of 300,000 records)
 * @param zoneCache the in-memory answers to "which zone holds this name" used for queries
 * @param serialMarks the newest serial of each zone this MiniDNS was asked to NOTIFY or poll for
 * @param allowTransfer addresses (CIDR, or a single address) allowed to transfer (and query)
 *     besides the servers of the pools file (each target's {@code options.host}, the nameservers,
 *     the also_notifies); none by default, so MiniDNS serves its pools and cannot be used by others
 *     to read zones or as an amplifier
 * @param allowQuery addresses allowed to query (not to transfer) besides the servers of the pools
 *     file and {@code allowTransfer}; none by default. Over UDP their answers are never larger than
 *     their query (TC set, RFC 1035 4.2.1: the client asks again over TCP), and over TCP they share
 *     the connections the pool does not hold in reserve
 * @param poolsFile the pools file: its servers may transfer, and a pool with a {@code catalog_zone}
 *     gets its catalog zone served; read again when it changes. Unset: only {@code allowTransfer}
 *     and {@code allowQuery}, no catalogs
 * @param tsigRefresh TSIG keys ({@code /v2/tsigkeys}) are read from the database again when older
 *     than this
 * @param pollTransferWait while this MiniDNS is still sending the zone to a secondary, a poll of
 *     the zone holds its next SOA query (the retries would run out before a large zone arrives,
 *     e.g. a signed 100,000-record zone's transfer of some 20 s), for at most this long in all
 */
@ConfigurationProperties("zonecast.minidns")
public record MiniDnsProperties(
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("5354") int port,
    @DefaultValue("10s") Duration tcpIdleTimeout,
    @DefaultValue("3s") Duration tcpRequestTimeout,
    @DefaultValue("256") int maxTcpConnections,
    @DefaultValue("64") int tcpReservedForPool,
    @DefaultValue("16") int maxTcpConnectionsPerSource,
    @DefaultValue("2048") int maxUdpInFlight,
    @DefaultValue("1000") int transferFetchSize,
    @DefaultValue("50000") int maxIxfrRecords,
    @DefaultValue ZoneCache zoneCache,
    @DefaultValue SerialMarkSettings serialMarks,
    @DefaultValue List<String> allowTransfer,
    @DefaultValue List<String> allowQuery,
    String poolsFile,
    @DefaultValue("2s") Duration tsigRefresh,
    @DefaultValue("2m") Duration pollTransferWait) {

  /** The pools file, when one is set. */
  public Optional<Path> poolsFilePath() {
    return poolsFile == null || poolsFile.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(poolsFile.trim()));
  }

  // an empty value ("", as YAML or --name= give it) means none
  private static List<String> nonBlank(List<String> texts) {
    return texts == null ? List.of() : texts.stream().filter(t -> !t.isBlank()).toList();
  }

  /**
   * Settings of the query cache ({@code zonecast.minidns.zone-cache.*}). It is emptied at every
   * change PostgreSQL announces (LISTEN zonecast_zone_changed) and bypassed while that channel is
   * not connected.
   *
   * @param enabled false: every query reads the database
   * @param maxAge an entry is read again after this long even if no change was announced
   * @param maxEntries names held at most (some 500 bytes each); when full, the entries no longer
   *     usable (older than max-age or than the last change) are dropped, or all when that frees
   *     less than a quarter
   */
  public record ZoneCache(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1s") Duration maxAge,
      @DefaultValue("10000") int maxEntries) {

    public ZoneCache {
      if (maxAge.isNegative() || maxEntries < 1) {
        throw new IllegalArgumentException(
            "zonecast.minidns.zone-cache.max-age must not be negative and max-entries must be at"
                + " least 1");
      }
    }
  }

  /**
   * Settings of the serial marks ({@code zonecast.minidns.serial-marks.*}): the newest serial of
   * each zone this MiniDNS was asked to NOTIFY or poll for, below which no answer of the read
   * replica or the query cache is used. Without a bound they would grow by one entry per zone ever
   * NOTIFYd.
   *
   * @param maxAge a mark is dropped this long after it was raised: a read replica (or a cached
   *     answer) still older than the serial by then is not held back any more
   * @param maxEntries marks kept at most (some 200 bytes each); past it, the oldest are dropped
   *     first (a quarter at once), so a zone of those may again be read from a replica that has not
   *     replayed its last change yet
   */
  public record SerialMarkSettings(
      @DefaultValue("10m") Duration maxAge, @DefaultValue("20000") int maxEntries) {

    public SerialMarkSettings {
      if (maxAge.isNegative() || maxAge.isZero() || maxEntries < 1) {
        throw new IllegalArgumentException(
            "zonecast.minidns.serial-marks.max-age must be positive and max-entries at least 1");
      }
    }
  }

  public MiniDnsProperties {
    allowTransfer = nonBlank(allowTransfer);
    allowQuery = nonBlank(allowQuery);
    if (tsigRefresh.isNegative()) {
      throw new IllegalArgumentException("zonecast.minidns.tsig-refresh must not be negative");
    }
    if (pollTransferWait.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.minidns.poll-transfer-wait must not be negative");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("zonecast.minidns.port must be 0..65535, not " + port);
    }
    if (tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
      throw new IllegalArgumentException("zonecast.minidns.tcp-idle-timeout must be positive");
    }
    if (tcpRequestTimeout.isNegative() || tcpRequestTimeout.isZero()) {
      throw new IllegalArgumentException("zonecast.minidns.tcp-request-timeout must be positive");
    }
    if (tcpReservedForPool < 0
        || tcpReservedForPool >= maxTcpConnections
        || maxTcpConnectionsPerSource < 1) {
      throw new IllegalArgumentException(
          "zonecast.minidns.tcp-reserved-for-pool must be 0 up to less than max-tcp-connections,"
              + " and max-tcp-connections-per-source at least 1");
    }
    if (maxTcpConnections < 1
        || maxUdpInFlight < 1
        || transferFetchSize < 1
        || maxIxfrRecords < 1) {
      throw new IllegalArgumentException(
          "zonecast.minidns.max-tcp-connections, max-udp-in-flight, transfer-fetch-size and"
              + " max-ixfr-records must be at least 1");
    }
  }
}
