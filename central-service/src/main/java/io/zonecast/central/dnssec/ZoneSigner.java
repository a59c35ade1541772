package io.zonecast.central.dnssec;

import io.zonecast.central.journal.JournalRecord;
import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.journal.ZoneJournal;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Signs a zone when a change to it is written, in the change's transaction just before it commits
 * (the change's recordsets are written by then): the stored DNSKEY, CDS, CDNSKEY, NSEC3PARAM and
 * chain records that differ from what the zone needs now are replaced, and new signatures are made
 * for the RRsets the change touched, the replaced ones, the SOA (new serial) and any RRset still
 * unsigned; signatures of RRsets that are gone are removed. What it removed and added goes into the
 * change's journal step, so an IXFR carries only that. A change an NSEC3 zone can sign from the
 * names it touches ({@link SigningScope}) is signed as one slice ({@link SliceSigner}); otherwise
 * the whole zone is, a slice at a time ({@link ZoneWalk}), in the same transaction.
 */
@Component
class ZoneSigner implements io.zonecast.central.zone.ZoneChangeHook {

  private final NamedParameterJdbcTemplate jdbc;
  private final ZoneKeyStore keys;
  private final ZoneJournal journal;
  private final DnssecProperties properties;
  private final Clock clock;
  private final EntityManager entities;
  private final SigningScope scopes;
  private final IncrementalChain chain;
  private final ZoneData data;
  private final SliceSigner slices;
  private final ZoneWalk walk;

  ZoneSigner(
      NamedParameterJdbcTemplate jdbc,
      ZoneKeyStore keys,
      ZoneJournal journal,
      DnssecProperties properties,
      Clock clock,
      EntityManager entities,
      SigningScope scope,
      IncrementalChain chain,
      ZoneData data,
      SliceSigner slices,
      ZoneWalk walk) {
    this.scopes = scope;
    this.chain = chain;
    this.jdbc = jdbc;
    this.keys = keys;
    this.journal = journal;
    this.properties = properties;
    this.clock = clock;
    this.entities = entities;
    this.data = data;
    this.slices = slices;
    this.walk = walk;
  }

  /** What is still to be signed in this transaction: zone → serial and touched RRsets. */
  private record Pending(long[] serial, Set<RRsetKey> touched) {}

  @Override
  public void changed(UUID zoneId, long serial, RecordDelta records) {
    if (!isSigned(zoneId)) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<UUID, Pending> pending =
        (Map<UUID, Pending>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      Map<UUID, Pending> zones = new LinkedHashMap<>();
      TransactionSynchronizationManager.bindResource(this, zones);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              entities.flush();
              zones.forEach((zone, p) -> sign(zone, p.serial()[0], p.touched()));
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(ZoneSigner.this);
            }
          });
      pending = zones;
    }
    Pending zone = pending.computeIfAbsent(zoneId, z -> new Pending(new long[1], new HashSet<>()));
    zone.serial()[0] = serial;
    for (JournalRecord record : records.removed()) {
      zone.touched().add(key(record));
    }
    for (JournalRecord record : records.added()) {
      zone.touched().add(key(record));
    }
  }

  private boolean isSigned(UUID zoneId) {
    return Boolean.TRUE.equals(
        jdbc.getJdbcTemplate()
            .queryForObject(
                "select exists (select 1 from zone_dnssec where zone_id = ?)",
                Boolean.class,
                zoneId));
  }

  /** Brings the zone's DNSSEC records to what it needs at {@code serial}; see the class comment. */
  void sign(UUID zoneId, long serial, Set<RRsetKey> touched) {
    Map<String, Object> zone =
        jdbc.getJdbcTemplate()
            .queryForMap(
                """
                select z.name, z.ttl, d.state, d.nsec3 from zones z
                join zone_dnssec d on d.zone_id = z.id where z.id = ?
                """,
                zoneId);
    String apexText = (String) zone.get("name");
    Name apex = name(apexText);
    int zoneTtl = ((Number) zone.get("ttl")).intValue();
    boolean disabling = "DISABLING".equals(zone.get("state"));
    boolean nsec3 = (Boolean) zone.get("nsec3");
    SOARecord soa = (SOARecord) parse(journal.soa(zoneId, apexText, serial, zoneTtl), apex);

    List<ZoneKey> zoneKeys = keys.find(zoneId);
    Set<RRsetKey> resign = new HashSet<>(touched);
    resign.add(new RRsetKey(apex, Type.SOA));
    SigningRun run =
        new SigningRun(
            zoneId,
            apex,
            soa,
            zoneKeys,
            signingTags(zoneKeys, ZoneKey.Role.KSK),
            signingTags(zoneKeys, ZoneKey.Role.ZSK),
            LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                .plus(properties.signatureRefresh()),
            nsec3,
            resign,
            journal.stepReaching(zoneId, serial));
    Map<RRsetKey, RRset> apexRecords = apexRecords(apex, zoneKeys, zoneTtl, disabling, nsec3);
    // null: the whole zone is signed, in slices; else only these names (and the NSEC3 they reach)
    Set<Name> scope =
        nsec3
            ? scopes
                .of(zoneId, apex, touched, run.denialTtl, run.kskTags, run.zskTags, run.due)
                .orElse(null)
            : null;
    if (scope == null) {
      walk.sign(run, apexRecords);
      return;
    }
    Map<Name, Set<Integer>> types = data.types(zoneId, scope);
    types.computeIfAbsent(apex, n -> new TreeSet<>()).add(Type.SOA);
    apexRecords.keySet().forEach(k -> types.get(apex).add(k.type()));
    ZoneShape shape = new ZoneShape(apex, types);
    Map<RRsetKey, RRset> wanted = new LinkedHashMap<>(apexRecords);
    Map<Name, Record> links = chain.nsec3(zoneId, shape, scope, run.denialTtl);
    links.values().stream()
        .filter(Objects::nonNull)
        .forEach(record ->
            wanted
                .computeIfAbsent(new RRsetKey(record.getName(), record.getType()), k -> new RRset())
                .addRR(record));
    Set<Name> loaded = new HashSet<>(scope);
    loaded.addAll(links.keySet());
    slices.sign(run, NameFilter.of(loaded), StoredRecords.Kind.ALL, wanted, shape.signedRRsets());
  }

  /** DNSKEY, CDS and CDNSKEY (RFC 7344; RFC 8078 section 4 once signing is being turned off). */
  private static Map<RRsetKey, RRset> apexRecords(
      Name apex, List<ZoneKey> zoneKeys, int ttl, boolean disabling, boolean nsec3) {
    Map<RRsetKey, RRset> records = new LinkedHashMap<>();
    RRset dnskeys = new RRset();
    RRset cds = new RRset();
    RRset cdnskey = new RRset();
    for (ZoneKey key : zoneKeys) {
      DNSKEYRecord dnskey =
          new DNSKEYRecord(
              apex,
              DClass.IN,
              ttl,
              key.dnskey().getFlags(),
              key.dnskey().getProtocol(),
              key.dnskey().getAlgorithm(),
              key.dnskey().getKey());
      if (key.inDnskeySet()) {
        dnskeys.addRR(dnskey);
      }
      // RFC 7344 section 4: CDS/CDNSKEY say the DS set the parent should hold; during a double-DS
      // KSK rollover (RFC 6781 section 4.1.2) that is the old and the new KSK's DS
      if (key.dsWanted() && !disabling) {
        cds.addRR(new CDSRecord(apex, DClass.IN, ttl, DSRecord.SHA256_DIGEST_ID, dnskey));
        cdnskey.addRR(
            new CDNSKEYRecord(
                apex,
                DClass.IN,
                ttl,
                dnskey.getFlags(),
                dnskey.getProtocol(),
                dnskey.getAlgorithm(),
                dnskey.getKey()));
      }
    }
    if (disabling) {
      cds.addRR(new CDSRecord(apex, DClass.IN, ttl, 0, 0, 0, new byte[] {0}));
      cdnskey.addRR(new CDNSKEYRecord(apex, DClass.IN, ttl, 0, 3, 0, new byte[] {0}));
    }
    for (RRset rrset : List.of(dnskeys, cds, cdnskey)) {
      if (rrset.size() > 0) {
        records.put(new RRsetKey(apex, rrset.getType()), rrset);
      }
    }
    if (nsec3) {
      records.put(new RRsetKey(apex, Type.NSEC3PARAM), new RRset(DenialChain.nsec3param(apex)));
    }
    return records;
  }

  private static Set<Integer> signingTags(List<ZoneKey> zoneKeys, ZoneKey.Role role) {
    Set<Integer> tags = new TreeSet<>();
    zoneKeys.stream().filter(k -> k.role() == role && k.signs()).forEach(k -> tags.add(k.keyTag()));
    return tags;
  }

  private static RRsetKey key(JournalRecord record) {
    return new RRsetKey(name(record.name()), Type.value(record.type()));
  }

  static Record parse(JournalRecord record, Name origin) {
    try {
      return Record.fromString(
          name(record.name()),
          Type.value(record.type()),
          DClass.IN,
          record.ttl(),
          record.data(),
          origin);
    } catch (IOException e) {
      throw new IllegalStateException("stored record unusable: " + record, e);
    }
  }

  static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalStateException("bad stored name " + text, e);
    }
  }
}
