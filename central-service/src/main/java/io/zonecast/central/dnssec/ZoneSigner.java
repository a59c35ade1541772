package io.zonecast.central.dnssec;

import io.zonecast.central.journal.JournalRecord;
import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.journal.ZoneJournal;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
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
 * change's journal step, so an IXFR carries only that.
 */
@Component
class ZoneSigner implements io.zonecast.central.zone.ZoneChangeHook {

  private static final int BATCH_NAMES = 1000;

  private final NamedParameterJdbcTemplate jdbc;
  private final ZoneKeyStore keys;
  private final StoredRecords stored;
  private final ZoneJournal journal;
  private final DnssecProperties properties;
  private final Clock clock;
  private final EntityManager entities;
  private final SigningScope scopes;
  private final IncrementalChain chain;

  ZoneSigner(
      NamedParameterJdbcTemplate jdbc,
      ZoneKeyStore keys,
      StoredRecords stored,
      ZoneJournal journal,
      DnssecProperties properties,
      Clock clock,
      EntityManager entities,
      SigningScope scope,
      IncrementalChain chain) {
    this.scopes = scope;
    this.chain = chain;
    this.jdbc = jdbc;
    this.keys = keys;
    this.stored = stored;
    this.journal = journal;
    this.properties = properties;
    this.clock = clock;
    this.entities = entities;
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
    Set<Integer> kskTags = signingTags(zoneKeys, ZoneKey.Role.KSK);
    Set<Integer> zskTags = signingTags(zoneKeys, ZoneKey.Role.ZSK);
    LocalDateTime due =
        LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
            .plus(properties.signatureRefresh());
    // RFC 9077: the TTL of NSEC and NSEC3 records is the lesser of the SOA's TTL and MINIMUM
    long denialTtl = Math.min(soa.getTTL(), soa.getMinimum());
    // null: the whole zone is read; else only these names (and the NSEC3 owners they reach)
    Set<Name> scope =
        nsec3
            ? scopes.of(zoneId, apex, touched, denialTtl, kskTags, zskTags, due).orElse(null)
            : null;
    Map<RRsetKey, RRset> wanted = apexRecords(apex, zoneKeys, zoneTtl, disabling, nsec3);
    Map<Name, Set<Integer>> types = types(zoneId, scope);
    types.computeIfAbsent(apex, n -> new TreeSet<>()).add(Type.SOA);
    wanted.keySet().forEach(k -> types.get(apex).add(k.type()));
    ZoneShape shape = new ZoneShape(apex, types);
    Set<Name> loaded = null;
    if (scope == null) {
      for (Record record :
          nsec3 ? DenialChain.nsec3(shape, denialTtl) : DenialChain.nsec(shape, denialTtl)) {
        wanted
            .computeIfAbsent(new RRsetKey(record.getName(), record.getType()), k -> new RRset())
            .addRR(record);
      }
    } else {
      Map<Name, Record> chain = this.chain.nsec3(zoneId, shape, scope, denialTtl);
      chain.values().stream()
          .filter(java.util.Objects::nonNull)
          .forEach(record ->
              wanted
                  .computeIfAbsent(
                      new RRsetKey(record.getName(), record.getType()), k -> new RRset())
                  .addRR(record));
      loaded = new HashSet<>(scope);
      loaded.addAll(chain.keySet());
    }

    List<StoredRecords.Row> removed = new ArrayList<>();
    List<Record> added = new ArrayList<>();
    Set<RRsetKey> resign = new HashSet<>(touched);
    resign.add(new RRsetKey(apex, Type.SOA));
    Map<RRsetKey, List<StoredRecords.Row>> current = stored.load(zoneId, false, loaded);
    Set<RRsetKey> everyKey = new LinkedHashSet<>(current.keySet());
    everyKey.addAll(wanted.keySet());
    for (RRsetKey key : everyKey) {
      List<StoredRecords.Row> have = current.getOrDefault(key, List.of());
      RRset want = wanted.get(key);
      if (!texts(have).equals(texts(want))) {
        removed.addAll(have);
        if (want != null) {
          added.addAll(want.rrs(false));
        }
        resign.add(key);
      }
    }

    Set<RRsetKey> signedKeys = new LinkedHashSet<>(shape.signedRRsets());
    signedKeys.addAll(wanted.keySet());
    Map<RRsetKey, List<StoredRecords.Row>> signatures = stored.load(zoneId, true, loaded);
    Set<RRsetKey> toSign = new LinkedHashSet<>();
    for (RRsetKey key : signedKeys) {
      List<StoredRecords.Row> sigs = signatures.get(key);
      if (resign.contains(key)
          || sigs == null
          || sigs.stream().anyMatch(s -> s.expiresAt() == null || s.expiresAt().isBefore(due))
          // a key became active or retired (rollover): the RRset's signers must be the active keys
          || !keyTags(sigs).equals(signedByKsk(key.type()) ? kskTags : zskTags)) {
        toSign.add(key);
      }
    }
    signatures.forEach((key, rows) -> {
      if (!signedKeys.contains(key) || toSign.contains(key)) {
        removed.addAll(rows);
      }
    });

    Map<RRsetKey, RRset> data = dataRRsets(zoneId, apex, toSign, wanted.keySet());
    data.put(new RRsetKey(apex, Type.SOA), new RRset(soa));
    added.addAll(signatures(toSign, wanted, data, zoneKeys));

    stored.delete(removed);
    List<JournalRecord> addedServed = stored.insert(zoneId, added);
    journal.appendToStep(
        zoneId,
        serial,
        new RecordDelta(removed.stream().map(StoredRecords.Row::served).toList(), addedServed));
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

  private List<Record> signatures(
      Set<RRsetKey> toSign,
      Map<RRsetKey, RRset> wanted,
      Map<RRsetKey, RRset> data,
      List<ZoneKey> zoneKeys) {
    Instant now = clock.instant();
    Instant inception = now.minus(properties.inceptionOffset());
    long jitter = properties.signatureJitter().toSeconds();
    Map<UUID, PrivateKey> privateKeys = new HashMap<>();
    List<Record> sigs = new ArrayList<>();
    for (RRsetKey key : toSign) {
      RRset rrset = wanted.containsKey(key) ? wanted.get(key) : data.get(key);
      if (rrset == null || rrset.size() == 0) {
        continue;
      }
      // RFC 6781 section 3.1: the KSK signs the key set (and CDS/CDNSKEY, RFC 7344 section 4.1)
      ZoneKey.Role signer = signedByKsk(key.type()) ? ZoneKey.Role.KSK : ZoneKey.Role.ZSK;
      Instant expiration =
          now.plus(properties.signatureValidity())
              .minusSeconds(jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1));
      for (ZoneKey zoneKey : zoneKeys) {
        if (zoneKey.role() != signer || !zoneKey.signs()) {
          continue;
        }
        PrivateKey privateKey =
            privateKeys.computeIfAbsent(zoneKey.id(), id -> keys.privateKey(zoneKey));
        try {
          sigs.add(DNSSEC.sign(rrset, zoneKey.dnskey(), privateKey, inception, expiration));
        } catch (DNSSEC.DNSSECException e) {
          throw new IllegalStateException("cannot sign " + key, e);
        }
      }
    }
    return sigs;
  }

  private static boolean signedByKsk(int type) {
    return type == Type.DNSKEY || type == Type.CDS || type == Type.CDNSKEY;
  }

  private static Set<Integer> signingTags(List<ZoneKey> zoneKeys, ZoneKey.Role role) {
    Set<Integer> tags = new TreeSet<>();
    zoneKeys.stream().filter(k -> k.role() == role && k.signs()).forEach(k -> tags.add(k.keyTag()));
    return tags;
  }

  /** The key tags of stored RRSIGs (the seventh field of the rdata, RFC 4034 section 3.2). */
  static Set<Integer> keyTags(List<StoredRecords.Row> sigs) {
    Set<Integer> tags = new TreeSet<>();
    sigs.forEach(s -> tags.add(Integer.parseInt(s.data().split("\\s+")[6])));
    return tags;
  }

  /**
   * The zone's name → types, from its recordsets (the SOA's own recordset excepted); of {@code
   * names} only unless null.
   */
  private Map<Name, Set<Integer>> types(UUID zoneId, Set<Name> names) {
    Map<Name, Set<Integer>> types = new HashMap<>();
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("zone", zoneId);
    if (names != null) {
      parameters.put(
          "names",
          names.stream().map(n -> n.toString().toLowerCase(java.util.Locale.ROOT)).toList());
    }
    jdbc.query(
        """
        select s.name, s.type from recordsets s
        where s.zone_id = :zone and s.type <> 'SOA'
          and exists (select 1 from records r where r.recordset_id = s.id)
        """
            + (names != null ? " and s.name in (:names)" : ""),
        parameters,
        rs -> {
          types
              .computeIfAbsent(name(rs.getString("name")), n -> new TreeSet<>())
              .add(Type.value(rs.getString("type")));
        });
    return types;
  }

  /** The zone's own RRsets among {@code keys}, as MiniDNS serves them. */
  private Map<RRsetKey, RRset> dataRRsets(
      UUID zoneId, Name apex, Set<RRsetKey> keys, Set<RRsetKey> signerOwned) {
    Set<String> names = new TreeSet<>();
    for (RRsetKey key : keys) {
      if (!signerOwned.contains(key) && key.type() != Type.SOA) {
        names.add(key.name().toString());
      }
    }
    Map<RRsetKey, RRset> rrsets = new HashMap<>();
    if (names.isEmpty()) {
      return rrsets;
    }
    String sql =
        """
        select s.name, s.type, coalesce(s.ttl, z.ttl) as ttl, r.data
        from records r join recordsets s on s.id = r.recordset_id join zones z on z.id = s.zone_id
        where s.zone_id = :zone and s.type <> 'SOA'
        """;
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("zone", zoneId);
    if (names.size() <= BATCH_NAMES) {
      sql += " and s.name in (:names)";
      parameters.put("names", names);
    }
    jdbc.query(
        sql + " order by s.name, s.type, r.position",
        parameters,
        rs -> {
          RRsetKey key = new RRsetKey(name(rs.getString("name")), Type.value(rs.getString("type")));
          if (keys.contains(key)) {
            Record record =
                parse(
                    new JournalRecord(
                        rs.getString("name"),
                        rs.getString("type"),
                        rs.getLong("ttl"),
                        rs.getString("data")),
                    apex);
            rrsets.computeIfAbsent(key, k -> new RRset()).addRR(record);
          }
        });
    return rrsets;
  }

  private static Set<String> texts(List<StoredRecords.Row> rows) {
    Set<String> texts = new HashSet<>();
    rows.forEach(r -> texts.add(r.ttl() + " " + r.data()));
    return texts;
  }

  private static Set<String> texts(RRset rrset) {
    Set<String> texts = new HashSet<>();
    if (rrset != null) {
      rrset.rrs(false).forEach(r -> texts.add(r.getTTL() + " " + r.rdataToString()));
    }
    return texts;
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
