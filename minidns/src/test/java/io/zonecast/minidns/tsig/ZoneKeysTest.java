package io.zonecast.minidns.tsig;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.tsig.RequestVerifier.ZoneAccess;
import io.zonecast.minidns.zonesource.TsigKeySource.StoredKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ZoneKeysTest {

  static final String SECRET = "c2VjcmV0LXNlY3JldA==";
  final UUID pool = UUID.randomUUID();
  final UUID zoneInPool = UUID.randomUUID();
  final UUID zoneWithOwnKey = UUID.randomUUID();
  final UUID zoneElsewhere = UUID.randomUUID();
  final List<StoredKey> rows = new ArrayList<>();
  final List<UUID> poolLookups = new ArrayList<>();
  final ZoneKeys keys =
      new ZoneKeys(
          () -> List.copyOf(rows),
          zone -> {
            poolLookups.add(zone);
            return Optional.ofNullable(Map.of(zoneInPool, pool, zoneWithOwnKey, pool).get(zone));
          },
          Duration.ZERO);

  @Test
  void aZoneKeyWinsOverItsPoolsKeyAndOtherZonesNeedNone() {
    rows.add(new StoredKey("pool-key", "hmac-sha256", SECRET, "POOL", pool));
    rows.add(new StoredKey("own-key", "hmac-sha512", SECRET, "ZONE", zoneWithOwnKey));

    assertThat(keys.forZone(zoneInPool))
        .map(ZoneKey::name)
        .contains(Name.fromConstantString("pool-key."));
    assertThat(keys.forZone(zoneWithOwnKey))
        .map(ZoneKey::name)
        .contains(Name.fromConstantString("own-key."));
    assertThat(keys.forZone(zoneElsewhere)).isEmpty();
    assertThat(keys.named(Name.fromConstantString("own-key."))).isPresent();
    assertThat(keys.named(Name.fromConstantString("nobody."))).isEmpty();
  }

  @Test
  void aZonesPoolIsAskedOnceAndKeysAreReadAgain() {
    rows.add(new StoredKey("pool-key", "hmac-sha256", SECRET, "POOL", pool));
    keys.forZone(zoneInPool);
    keys.forZone(zoneInPool);
    assertThat(poolLookups).containsExactly(zoneInPool);

    rows.clear();
    assertThat(keys.forZone(zoneInPool)).isEmpty();
  }

  @Test
  void aKeyWhoseNameIsNoDomainNameMatchesNoRequest() {
    rows.add(new StoredKey("bad..name", "hmac-sha256", SECRET, "ZONE", zoneElsewhere));
    Optional<ZoneKey> required = keys.forZone(zoneElsewhere);
    assertThat(required).isPresent();
    assertThat(required.get().usable()).isFalse();
    assertThat(RequestVerifier.access(required, RequestSignature.UNSIGNED))
        .isEqualTo(ZoneAccess.UNSIGNED);
  }
}
