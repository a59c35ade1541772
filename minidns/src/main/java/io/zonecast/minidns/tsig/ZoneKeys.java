package io.zonecast.minidns.tsig;

import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.minidns.zonesource.TsigKeySource;
import io.zonecast.minidns.zonesource.TsigKeySource.StoredKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * The TSIG keys of the database, read again when older than the refresh interval (keys change
 * rarely and a new one is in use within that interval). A zone's key is the key of scope ZONE for
 * it, else the key of scope POOL for its pool. A key that cannot be used (a name that is no domain
 * name) is logged and left out, so the zones it was meant for refuse every transfer.
 */
@Component
public class ZoneKeys {

  private static final Logger log = LoggerFactory.getLogger(ZoneKeys.class);
  private static final int MAX_POOLS_REMEMBERED = 100_000;

  private record Loaded(
      Map<Name, TSIG> byName,
      Map<UUID, ZoneKey> byZone,
      Map<UUID, ZoneKey> byPool,
      long loadedAt) {}

  private final Supplier<List<StoredKey>> allKeys;
  private final Function<UUID, Optional<UUID>> poolOfZoneInDatabase;
  private final long refreshNanos;
  private final Map<UUID, UUID> poolOfZone = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private volatile Loaded loaded;

  @Autowired
  ZoneKeys(TsigKeySource source, MiniDnsProperties properties) {
    this(source::all, source::poolOf, properties.tsigRefresh());
  }

  public ZoneKeys(
      Supplier<List<StoredKey>> allKeys,
      Function<UUID, Optional<UUID>> poolOfZone,
      Duration refresh) {
    this.allKeys = allKeys;
    this.poolOfZoneInDatabase = poolOfZone;
    this.refreshNanos = refresh.toNanos();
  }

  /** No keys at all: nothing is signed and no zone requires a key. */
  public static ZoneKeys none() {
    return new ZoneKeys(List::of, zone -> Optional.empty(), Duration.ofDays(1));
  }

  /** A key by its name, to verify a request signed with it. */
  public Optional<TSIG> named(Name keyName) {
    return Optional.ofNullable(current().byName().get(keyName));
  }

  /**
   * The key the zone's transfers, SOA queries and NOTIFYs must be signed with; a key meant for the
   * zone that cannot be used counts as present but matches no request.
   */
  public Optional<ZoneKey> forZone(UUID zoneId) {
    Loaded keys = current();
    ZoneKey key = keys.byZone().get(zoneId);
    if (key == null && !keys.byPool().isEmpty()) {
      UUID pool = poolOf(zoneId);
      key = pool == null ? null : keys.byPool().get(pool);
    }
    return Optional.ofNullable(key);
  }

  private UUID poolOf(UUID zoneId) {
    UUID pool = poolOfZone.get(zoneId);
    if (pool == null) {
      pool = poolOfZoneInDatabase.apply(zoneId).orElse(null);
      if (pool != null) {
        if (poolOfZone.size() >= MAX_POOLS_REMEMBERED) {
          poolOfZone.clear();
        }
        // a zone never moves to another pool, so this never goes stale
        poolOfZone.put(zoneId, pool);
      }
    }
    return pool;
  }

  private Loaded current() {
    Loaded keys = loaded;
    if (keys != null && System.nanoTime() - keys.loadedAt() < refreshNanos) {
      return keys;
    }
    synchronized (this) {
      keys = loaded;
      if (keys == null || System.nanoTime() - keys.loadedAt() >= refreshNanos) {
        keys = load(allKeys.get());
        loaded = keys;
      }
      return keys;
    }
  }

  private Loaded load(List<StoredKey> rows) {
    Map<Name, TSIG> byName = new HashMap<>();
    Map<UUID, ZoneKey> byZone = new HashMap<>();
    Map<UUID, ZoneKey> byPool = new HashMap<>();
    for (StoredKey row : rows) {
      ZoneKey key;
      try {
        Name name = Name.fromString(row.name(), Name.root);
        TSIG tsig = new TSIG(TSIG.algorithmToName(row.algorithm()), name, row.secret());
        byName.put(name, tsig);
        key = new ZoneKey(name, tsig);
      } catch (TextParseException | IllegalArgumentException e) {
        if (reported.add(row.name())) {
          log.warn(
              "TSIG key {} cannot be used ({}): {} {} refuses every transfer",
              row.name(),
              e.getMessage(),
              row.scope().toLowerCase(),
              row.resourceId());
        }
        key = ZoneKey.unusable(row.name());
      }
      (row.scope().equals("ZONE") ? byZone : byPool).put(row.resourceId(), key);
    }
    return new Loaded(
        Map.copyOf(byName), Map.copyOf(byZone), Map.copyOf(byPool), System.nanoTime());
  }
}
