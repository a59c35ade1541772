package io.zonecast.model.pool;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One pool of a Designate-format pools file: the NS records the pool's zones get, the nameservers
 * polled for serials, the targets zones are provisioned on, and servers that only get NOTIFYs.
 */
public record Pool(
    UUID id,
    String name,
    String description,
    Map<String, String> attributes,
    List<NsRecord> nsRecords,
    List<HostPort> nameservers,
    List<Target> targets,
    List<HostPort> alsoNotifies,
    CatalogZone catalogZone) {

  /** Designate's default pool id, used when the pools file gives none. */
  public static final UUID DEFAULT_POOL_ID =
      UUID.fromString("794ccc2c-d751-44fe-b57f-8894c9f5c842");

  public Pool {
    attributes = Map.copyOf(attributes);
    nsRecords = List.copyOf(nsRecords);
    nameservers = List.copyOf(nameservers);
    targets = List.copyOf(targets);
    alsoNotifies = List.copyOf(alsoNotifies);
  }

  /** A pool without a catalog zone. */
  public Pool(
      UUID id,
      String name,
      String description,
      Map<String, String> attributes,
      List<NsRecord> nsRecords,
      List<HostPort> nameservers,
      List<Target> targets,
      List<HostPort> alsoNotifies) {
    this(id, name, description, attributes, nsRecords, nameservers, targets, alsoNotifies, null);
  }

  /** The pool's catalog zone, when the pools file names one. */
  public Optional<CatalogZone> catalog() {
    return Optional.ofNullable(catalogZone);
  }

  /**
   * The catalog zone (RFC 9432) MiniDNS serves for the pool, listing its zones: {@code fqdn} its
   * absolute name, {@code refresh} the SOA refresh (and retry) in seconds a consumer polls it at.
   */
  public record CatalogZone(String fqdn, int refresh) {}

  /**
   * An NS record of the pool's zones; the one with the lowest priority also names the SOA MNAME.
   */
  public record NsRecord(String hostname, int priority) {}

  /** A server address: a host name or IP address and a port. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /**
   * A server the pool manager provisions zones on, with the primaries it must pull them from and
   * the backend options of its type (for bind9: host, port, rndc_host, rndc_port, rndc_key_file).
   */
  public record Target(
      String type, String description, List<HostPort> masters, Map<String, String> options) {
    public Target {
      masters = List.copyOf(masters);
      options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
      return options.getOrDefault(key, fallback);
    }
  }
}
