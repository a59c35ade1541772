package io.zonecast.model.pool;

import io.zonecast.model.pool.Pool.HostPort;
import io.zonecast.model.pool.Pool.NsRecord;
import io.zonecast.model.pool.Pool.Target;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a pools file in Designate's {@code pools.yaml} format: a YAML list of pools. Anything
 * malformed is refused with a message that names the pool and field, never half-read.
 */
public final class PoolsFile {

  private final List<Pool> pools;

  private PoolsFile(List<Pool> pools) {
    this.pools = List.copyOf(pools);
  }

  public static PoolsFile read(Path path) {
    try (Reader reader = Files.newBufferedReader(path)) {
      return parse(reader, path.toString());
    } catch (IOException e) {
      throw new InvalidPoolsFileException("cannot read pools file " + path + ": " + e.getMessage());
    }
  }

  public static PoolsFile parse(Reader reader, String source) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (YAMLException e) {
      throw new InvalidPoolsFileException(source + " is not valid YAML: " + e.getMessage());
    }
    if (!(document instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidPoolsFileException(source + " must be a non-empty YAML list of pools");
    }
    List<Pool> pools = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      pools.add(pool(map(list.get(i), source + ": pool #" + (i + 1)), source, i));
    }
    long distinctIds = pools.stream().map(Pool::id).distinct().count();
    if (distinctIds != pools.size()) {
      throw new InvalidPoolsFileException(source + ": two pools have the same id");
    }
    List<String> catalogs =
        pools.stream().flatMap(p -> p.catalog().stream()).map(Pool.CatalogZone::fqdn).toList();
    if (catalogs.stream().distinct().count() != catalogs.size()) {
      throw new InvalidPoolsFileException(source + ": two pools have the same catalog_zone_fqdn");
    }
    return new PoolsFile(pools);
  }

  public List<Pool> pools() {
    return pools;
  }

  public Optional<Pool> find(UUID id) {
    return pools.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The pool with Designate's default id, else the one named "default", else the first. */
  public Pool defaultPool() {
    return defaultPool(pools);
  }

  /** The default pool of {@code pools} (see {@link #defaultPool()}). */
  public static Pool defaultPool(List<Pool> pools) {
    return pools.stream()
        .filter(p -> p.id().equals(Pool.DEFAULT_POOL_ID))
        .findFirst()
        .or(() -> pools.stream().filter(p -> "default".equals(p.name())).findFirst())
        .orElse(pools.getFirst());
  }

  private static Pool pool(Map<String, Object> raw, String source, int index) {
    String where = source + ": pool #" + (index + 1);
    String name = string(raw, "name", where, null);
    if (name == null || name.isBlank()) {
      throw new InvalidPoolsFileException(where + " needs a name");
    }
    where = source + ": pool '" + name + "'";
    String idText = string(raw, "id", where, null);
    UUID id;
    if (idText == null) {
      id = index == 0 ? Pool.DEFAULT_POOL_ID : UUID.nameUUIDFromBytes(name.getBytes());
    } else {
      try {
        id = UUID.fromString(idText);
      } catch (IllegalArgumentException e) {
        throw new InvalidPoolsFileException(where + ": id '" + idText + "' is not a UUID");
      }
    }
    List<NsRecord> nsRecords = new ArrayList<>();
    for (Map<String, Object> ns : maps(raw, "ns_records", where)) {
      String hostname = string(ns, "hostname", where + " ns_records", null);
      if (hostname == null || !hostname.endsWith(".")) {
        throw new InvalidPoolsFileException(
            where + ": each ns_records entry needs a hostname ending with a dot, not " + hostname);
      }
      nsRecords.add(new NsRecord(hostname, integer(ns, "priority", where + " ns_records", 1)));
    }
    if (nsRecords.isEmpty()) {
      throw new InvalidPoolsFileException(where + " needs at least one ns_records entry");
    }
    List<Target> targets = new ArrayList<>();
    for (Map<String, Object> t : maps(raw, "targets", where)) {
      String type = string(t, "type", where + " targets", null);
      if (type == null) {
        throw new InvalidPoolsFileException(where + ": each target needs a type");
      }
      Map<String, String> options = new LinkedHashMap<>();
      Object rawOptions = t.get("options");
      if (rawOptions != null) {
        map(rawOptions, where + " target options")
            .forEach((k, v) -> options.put(k, v == null ? "" : String.valueOf(v)));
      }
      Target target =
          new Target(
              type,
              string(t, "description", where, ""),
              hostPorts(t, "masters", where + " target masters", 5354),
              options);
      try {
        TargetLimits.maxRecordsPerType(target);
      } catch (InvalidPoolsFileException e) {
        throw new InvalidPoolsFileException(where + ": " + e.getMessage());
      }
      targets.add(target);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    Object rawAttributes = raw.get("attributes");
    if (rawAttributes != null) {
      map(rawAttributes, where + " attributes")
          .forEach((k, v) -> attributes.put(k, String.valueOf(v)));
    }
    return new Pool(
        id,
        name,
        string(raw, "description", where, ""),
        attributes,
        nsRecords,
        hostPorts(raw, "nameservers", where + " nameservers", 53),
        targets,
        hostPorts(raw, "also_notifies", where + " also_notifies", 53),
        catalogZone(raw, where));
  }

  /**
   * Designate's {@code catalog_zone} mapping: {@code catalog_zone_fqdn} (required, absolute) and
   * {@code catalog_zone_refresh} (seconds, default 60).
   */
  private static Pool.CatalogZone catalogZone(Map<String, Object> raw, String where) {
    Object value = raw.get("catalog_zone");
    if (value == null) {
      return null;
    }
    Map<String, Object> catalog = map(value, where + " catalog_zone");
    String fqdn = string(catalog, "catalog_zone_fqdn", where + " catalog_zone", null);
    if (fqdn == null || !fqdn.endsWith(".") || fqdn.length() < 2 || fqdn.contains("..")) {
      throw new InvalidPoolsFileException(
          where
              + ": catalog_zone needs a catalog_zone_fqdn that is an absolute name ending with a"
              + " dot, not "
              + fqdn);
    }
    int refresh = integer(catalog, "catalog_zone_refresh", where + " catalog_zone", 60);
    if (refresh < 1) {
      throw new InvalidPoolsFileException(
          where + ": catalog_zone_refresh must be a positive number of seconds, not " + refresh);
    }
    return new Pool.CatalogZone(fqdn.toLowerCase(Locale.ROOT), refresh);
  }

  private static List<HostPort> hostPorts(
      Map<String, Object> raw, String key, String where, int defaultPort) {
    List<HostPort> result = new ArrayList<>();
    for (Map<String, Object> hp : maps(raw, key, where)) {
      String host = string(hp, "host", where, null);
      if (host == null || host.isBlank()) {
        throw new InvalidPoolsFileException(where + ": each entry needs a host");
      }
      int port = integer(hp, "port", where, defaultPort);
      if (port < 1 || port > 65535) {
        throw new InvalidPoolsFileException(where + ": port " + port + " is out of range");
      }
      result.add(new HostPort(host, port));
    }
    return result;
  }

  private static List<Map<String, Object>> maps(Map<String, Object> raw, String key, String where) {
    Object value = raw.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidPoolsFileException(where + ": " + key + " must be a list");
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object item : list) {
      result.add(map(item, where + " " + key));
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String where) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new InvalidPoolsFileException(where + " must be a mapping");
    }
    return (Map<String, Object>) m;
  }

  private static String string(Map<String, Object> raw, String key, String where, String fallback) {
    Object value = raw.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Map || value instanceof List) {
      throw new InvalidPoolsFileException(where + ": " + key + " must be a scalar");
    }
    return String.valueOf(value);
  }

  private static int integer(Map<String, Object> raw, String key, String where, int fallback) {
    Object value = raw.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new InvalidPoolsFileException(where + ": " + key + " '" + value + "' is not a number");
    }
  }
}
