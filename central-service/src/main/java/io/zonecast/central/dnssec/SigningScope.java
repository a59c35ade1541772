package io.zonecast.central.dnssec;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Whether a change to an NSEC3-signed zone can be signed from the names it touches alone, and which
 * names those are: the apex, each changed name and its ancestors (which may become or stop being
 * empty non-terminals). Otherwise the whole zone is read (empty answer): the zone is signed for the
 * first time or its chain's TTL changed; a delegation or DNAME changed (names below it may become
 * occluded or not); the active keys are not those that signed the SOA or DNSKEY set (a rollover
 * step: everything is re-signed); a signature of the zone is due; or the change is big.
 */
@Component
class SigningScope {

  /** A change touching more RRsets than this reads the whole zone anyway. */
  static final int MAX_TOUCHED = 1000;

  private final StoredRecords stored;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;

  SigningScope(StoredRecords stored, org.springframework.jdbc.core.JdbcTemplate jdbc) {
    this.stored = stored;
    this.jdbc = jdbc;
  }

  Optional<Set<Name>> of(
      UUID zoneId,
      Name apex,
      Set<RRsetKey> touched,
      long denialTtl,
      Set<Integer> kskTags,
      Set<Integer> zskTags,
      LocalDateTime due) {
    if (touched.size() > MAX_TOUCHED) {
      return Optional.empty();
    }
    Set<Name> names = new TreeSet<>();
    names.add(apex);
    for (RRsetKey key : touched) {
      Name name = key.name();
      if (!name.subdomain(apex)) {
        return Optional.empty();
      }
      boolean cut = key.type() == Type.NS || key.type() == Type.DS || key.type() == Type.DNAME;
      if (cut && !name.equals(apex)) {
        return Optional.empty();
      }
      for (int strip = 0; strip < name.labels() - apex.labels(); strip++) {
        names.add(new Name(name, strip));
      }
    }
    Name apexNsec3 =
        IncrementalChain.owner(IncrementalChain.hash(DenialChain.nsec3param(apex), apex), apex);
    Map<RRsetKey, List<StoredRecords.Row>> chainHead =
        stored.load(zoneId, false, List.of(apexNsec3));
    List<StoredRecords.Row> head = chainHead.get(new RRsetKey(apexNsec3, Type.NSEC3));
    if (head == null || head.getFirst().ttl() != denialTtl) {
      return Optional.empty();
    }
    Map<RRsetKey, List<StoredRecords.Row>> apexSigs = stored.load(zoneId, true, List.of(apex));
    List<StoredRecords.Row> soaSigs = apexSigs.get(new RRsetKey(apex, Type.SOA));
    List<StoredRecords.Row> keySigs = apexSigs.get(new RRsetKey(apex, Type.DNSKEY));
    if (soaSigs == null
        || keySigs == null
        || !SliceSigner.keyTags(soaSigs).equals(zskTags)
        || !SliceSigner.keyTags(keySigs).equals(kskTags)) {
      return Optional.empty();
    }
    // the zone's earliest expiry, one probe of (zone_id, expires_at) whatever the plan: "exists
    // (... expires_at < ?)" got a cached generic plan that read all the zone's signatures (its
    // first row looked cheap), 35-165 ms a change for a 100,000-record zone
    Boolean dueSignatures =
        jdbc.queryForObject(
            """
            select coalesce(min(expires_at) < ?, false) from zone_dnssec_records
            where zone_id = ? and expires_at is not null
            """,
            Boolean.class,
            due,
            zoneId);
    if (Boolean.TRUE.equals(dueSignatures)) {
      return Optional.empty();
    }
    return Optional.of(names);
  }
}
