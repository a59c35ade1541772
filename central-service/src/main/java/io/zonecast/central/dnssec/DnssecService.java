package io.zonecast.central.dnssec;

import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.journal.ZoneJournal;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneChanges;
import io.zonecast.central.zone.ZoneService;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turning a zone's signing on and off. Turning it on makes a KSK and a ZSK and signs the whole zone
 * with the change that bumps its serial; turning it off is two steps (RFC 8078 section 4, RFC 6781
 * section 4.1.1.2): first CDS/CDNSKEY "delete" records are published while the zone stays signed;
 * once the parent's DS is gone the second call removes the keys and every signature.
 */
@Service
public class DnssecService {

  static final String SIGNED = "SIGNED";
  static final String DISABLING = "DISABLING";

  private final ZoneService zones;
  private final ZoneChanges changes;
  private final ZoneKeyStore keys;
  private final ZoneJournal journal;
  private final KeyEncryption encryption;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DnssecProperties properties;

  DnssecService(
      ZoneService zones,
      ZoneChanges changes,
      ZoneKeyStore keys,
      ZoneJournal journal,
      KeyEncryption encryption,
      JdbcTemplate jdbc,
      Clock clock,
      DnssecProperties properties) {
    this.properties = properties;
    this.zones = zones;
    this.changes = changes;
    this.keys = keys;
    this.journal = journal;
    this.encryption = encryption;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A zone's signing as the API shows it. */
  record Status(Zone zone, Optional<Settings> settings, List<ZoneKey> keys) {}

  record Settings(String state, DnssecAlgorithm algorithm, boolean nsec3) {}

  @Transactional(readOnly = true)
  public Status get(Caller caller, UUID zoneId) {
    Zone zone = zones.get(caller, zoneId);
    return new Status(zone, settings(zoneId), keys.find(zoneId));
  }

  /** {@code PUT .../dnssec {"enabled": true}}: the zone's signing on, with these settings. */
  @Transactional
  public Status enable(Caller caller, UUID zoneId, DnssecAlgorithm algorithm, boolean nsec3) {
    Zone zone = lockOwned(caller, zoneId);
    Optional<Settings> current = settings(zoneId);
    if (current.isPresent()) {
      Settings was = current.get();
      if (was.algorithm() != algorithm) {
        throw ApiException.conflict(
            "algorithm_rollover_unsupported",
            "Zone "
                + zone.getName()
                + " is signed with "
                + was.algorithm()
                + "; changing the algorithm (an algorithm rollover) is not supported yet");
      }
      if (was.state().equals(SIGNED) && was.nsec3() == nsec3) {
        return get(caller, zoneId);
      }
      jdbc.update(
          "update zone_dnssec set state = ?, nsec3 = ?, updated_at = ? where zone_id = ?",
          SIGNED,
          nsec3,
          now(),
          zoneId);
    } else {
      if (!encryption.available()) {
        // the same clear error as any other use of the missing key
        encryption.encrypt(zoneId, new byte[0]);
      }
      jdbc.update(
          """
          insert into zone_dnssec (zone_id, state, algorithm, nsec3, created_at)
          values (?, ?, ?, ?, ?)
          """,
          zoneId,
          SIGNED,
          algorithm.number(),
          nsec3,
          now());
      keys.create(zoneId, zone.getName(), ZoneKey.Role.KSK, algorithm, now());
      keys.create(zoneId, zone.getName(), ZoneKey.Role.ZSK, algorithm, now());
    }
    changes.changed(zone, RecordDelta.NONE, caller.context());
    return get(caller, zoneId);
  }

  /**
   * {@code PUT .../dnssec {"enabled": false}}: first the delete CDS/CDNSKEY (zone still signed),
   * then, called again, the zone unsigned.
   */
  @Transactional
  public Status disable(Caller caller, UUID zoneId) {
    Zone zone = lockOwned(caller, zoneId);
    Optional<Settings> current = settings(zoneId);
    if (current.isEmpty()) {
      return get(caller, zoneId);
    }
    if (current.get().state().equals(SIGNED)) {
      jdbc.update(
          "update zone_dnssec set state = ?, updated_at = ? where zone_id = ?",
          DISABLING,
          now(),
          zoneId);
      changes.changed(zone, RecordDelta.NONE, caller.context());
      return get(caller, zoneId);
    }
    jdbc.update("delete from zone_dnssec where zone_id = ?", zoneId);
    keys.deleteAll(zoneId);
    long serial = changes.changed(zone, RecordDelta.NONE, caller.context());
    // every record signing added, removed and journalled in one statement: none held here
    journal.appendRemovedToStep(
        journal.stepReaching(zoneId, serial),
        "delete from zone_dnssec_records where zone_id = ? returning name, type, ttl, data",
        zoneId);
    return get(caller, zoneId);
  }

  /**
   * {@code POST .../dnssec/rollover {"role": "ZSK"|"KSK"}}, one rollover at a time. ZSK by
   * pre-publication: a new ZSK is published now and starts signing once every cache that holds the
   * old DNSKEY set has seen the new one (RFC 6781 section 4.1.1.1; RFC 7583 section 3.2: DNSKEY TTL
   * plus the propagation delay). KSK by double-DS: see {@link #startKskRollover}.
   */
  @Transactional
  public Status rollover(Caller caller, UUID zoneId, ZoneKey.Role role) {
    Zone zone = lockOwned(caller, zoneId);
    Settings settings =
        settings(zoneId)
            .filter(s -> s.state().equals(SIGNED))
            .orElseThrow(() ->
                ApiException.badRequest(
                    "bad_request", "Zone " + zone.getName() + " is not DNSSEC-signed"));
    List<ZoneKey> current = keys.find(zoneId);
    if (current.stream().anyMatch(k -> !k.signs())) {
      throw ApiException.conflict(
          "rollover_in_progress",
          "Zone "
              + zone.getName()
              + " is already rolling a key; one rollover at a time (see the keys' state)");
    }
    if (role == ZoneKey.Role.KSK) {
      startKskRollover(zone, settings.algorithm());
    } else {
      startZskRollover(zone, settings.algorithm(), current);
    }
    changes.changed(zone, RecordDelta.NONE, caller.context());
    return get(caller, zoneId);
  }

  /**
   * Double-DS (RFC 6781 section 4.1.2, RFC 7583 section 3.3.2): the new KSK is made in state
   * DS_PENDING, not served, its DS added to the API's {@code ds} and to CDS/CDNSKEY; it goes into
   * the DNSKEY set only once the operator said the parent publishes its DS ({@link #dsPublished})
   * and the parent's DS TTL has passed.
   */
  private void startKskRollover(Zone zone, DnssecAlgorithm algorithm) {
    keys.create(
        zone.getId(),
        zone.getName(),
        ZoneKey.Role.KSK,
        algorithm,
        ZoneKey.DS_PENDING,
        now(),
        null,
        null);
  }

  /**
   * {@code POST .../dnssec/checkds {"ds": "published"}}: the operator says the parent zone now
   * publishes the DS of the KSK waiting in DS_PENDING (optionally named by {@code keyTag}). That
   * KSK goes live once every resolver that cached the parent's DS set before has the new one: at
   * now + {@code parent-ds-ttl} + {@code propagation-delay} (RFC 7583 section 3.3.2, Trdy). Nothing
   * served changes now.
   */
  @Transactional
  public Status dsPublished(Caller caller, UUID zoneId, Integer keyTag) {
    Zone zone = lockOwned(caller, zoneId);
    settings(zoneId)
        .filter(s -> s.state().equals(SIGNED))
        .orElseThrow(() ->
            ApiException.badRequest(
                "bad_request", "Zone " + zone.getName() + " is not DNSSEC-signed"));
    ZoneKey waiting =
        keys.find(zoneId).stream()
            .filter(k -> k.state().equals(ZoneKey.DS_PENDING))
            .findFirst()
            .orElseThrow(() ->
                ApiException.conflict(
                    "no_ds_pending",
                    "Zone "
                        + zone.getName()
                        + " has no KSK waiting for its DS at the parent; start a KSK rollover"
                        + " first"));
    if (keyTag != null && keyTag != waiting.keyTag()) {
      throw ApiException.conflict(
          "ds_key_mismatch",
          "The KSK waiting for its DS in zone "
              + zone.getName()
              + " has key tag "
              + waiting.keyTag()
              + ", not "
              + keyTag);
    }
    if (waiting.dsPublishedAt() == null) {
      LocalDateTime now = now();
      keys.dsPublished(
          waiting, now, now.plus(properties.parentDsTtl()).plus(properties.propagationDelay()));
    }
    return get(caller, zoneId);
  }

  private boolean startZskRollover(Zone zone, DnssecAlgorithm algorithm, List<ZoneKey> current) {
    if (current.stream().anyMatch(k -> !k.signs())) {
      return false;
    }
    LocalDateTime now = now();
    keys.create(
        zone.getId(),
        zone.getName(),
        ZoneKey.Role.ZSK,
        algorithm,
        ZoneKey.PUBLISHED,
        now,
        now,
        now.plusSeconds(zone.getTtl()).plus(properties.propagationDelay()));
    return true;
  }

  /**
   * Moves the zone's keys along their timeline (called by the re-signing job, zone by zone): a
   * published ZSK whose time came starts signing and the old one retires (the zone is re-signed
   * with the new key by this change); a retired key whose signatures have expired from every cache
   * (the zone's largest TTL plus the propagation delay) leaves the DNSKEY set; a ZSK older than
   * {@code zsk-lifetime} starts its rollover. True when something moved.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  boolean advanceKeys(UUID zoneId) {
    Optional<Settings> settings = settings(zoneId).filter(s -> s.state().equals(SIGNED));
    if (settings.isEmpty()) {
      return false;
    }
    Zone zone = zones.lockForMaintenance(zoneId).orElse(null);
    if (zone == null) {
      return false;
    }
    LocalDateTime now = now();
    List<ZoneKey> current = keys.find(zoneId);
    boolean moved = false;
    for (ZoneKey key : current) {
      boolean due = key.activeAt() != null && !key.activeAt().isAfter(now);
      if (key.state().equals(ZoneKey.PUBLISHED) && due) {
        // ZSK pre-publication, RFC 7583 section 3.2: the old ZSK's signatures may be cached for as
        // long as the zone's largest TTL; it stays in the DNSKEY set that long (plus Dprp)
        Long maxTtl =
            jdbc.queryForObject(
                """
                select greatest(max(coalesce(s.ttl, z.ttl)), max(z.ttl)) from zones z
                left join recordsets s on s.zone_id = z.id where z.id = ?
                """,
                Long.class,
                zoneId);
        LocalDateTime removeAt =
            now.plusSeconds(maxTtl == null ? zone.getTtl() : maxTtl)
                .plus(properties.propagationDelay());
        swap(current, key, now, removeAt);
        moved = true;
      } else if (key.state().equals(ZoneKey.DS_PENDING) && due) {
        // double-DS, RFC 7583 section 3.3.2: the DNSKEY set swaps the old KSK for the new one at
        // once; a resolver holding the old DNSKEY set (for up to its TTL plus Dprp) still finds the
        // old DS at the parent, so the old DS is wanted until then (the old key's remove_at)
        swap(current, key, now, now.plusSeconds(zone.getTtl()).plus(properties.propagationDelay()));
        moved = true;
      } else if (key.state().equals(ZoneKey.RETIRED) && !key.removeAt().isAfter(now)) {
        keys.delete(key);
        moved = true;
      }
    }
    if (!moved) {
      boolean zskAged =
          current.stream()
              .anyMatch(k ->
                  k.role() == ZoneKey.Role.ZSK
                      && k.signs()
                      && !k.activeAt().plus(properties.zskLifetime()).isAfter(now));
      moved = zskAged && startZskRollover(zone, settings.get().algorithm(), current);
    }
    if (moved) {
      changes.changed(
          zone,
          RecordDelta.NONE,
          new io.zonecast.model.messaging.RequestContext(
              "req-keys-" + UUID.randomUUID(), zone.getProjectId()));
    }
    return moved;
  }

  /** {@code key} starts signing now; the keys of its role that signed retire until removeAt. */
  private void swap(List<ZoneKey> current, ZoneKey key, LocalDateTime now, LocalDateTime removeAt) {
    for (ZoneKey old : current) {
      if (old.role() == key.role() && old.signs()) {
        keys.retire(old, now, removeAt);
      }
    }
    keys.activate(key, now);
  }

  private Zone lockOwned(Caller caller, UUID zoneId) {
    Zone zone = zones.lockForChange(caller, zoneId);
    if (!caller.canSee(zone.getProjectId()) && !caller.isAdmin()) {
      throw ApiException.forbidden(
          "Only the project owning zone " + zone.getName() + " may change its DNSSEC signing");
    }
    if (zone.isSecondary()) {
      throw ApiException.badRequest(
          "bad_request",
          "Zone "
              + zone.getName()
              + " is a SECONDARY zone: zonecast signs only the PRIMARY zones it stores; sign a"
              + " secondary zone at its master");
    }
    return zone;
  }

  private Optional<Settings> settings(UUID zoneId) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select state, algorithm, nsec3 from zone_dnssec where zone_id = ?", zoneId);
    return rows.stream()
        .findFirst()
        .map(r ->
            new Settings(
                (String) r.get("state"),
                DnssecAlgorithm.of(((Number) r.get("algorithm")).intValue()),
                (Boolean) r.get("nsec3")));
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }
}
