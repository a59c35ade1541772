package io.zonecast.central.dnssec;

import io.zonecast.central.journal.JournalRecord;
import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.journal.ZoneJournal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Signs one slice of a zone: the records of one kind stored at some names are brought to what the
 * zone needs there now. The stored DNSKEY, CDS, CDNSKEY, NSEC3PARAM and chain records that differ
 * from {@code wanted} are replaced; the RRsets touched by the change, the replaced ones, the SOA
 * (new serial), RRsets without signatures, with a signature due or not signed by exactly the active
 * keys get new signatures; signatures of RRsets no longer signed are removed. What it removed and
 * added is written at once, and into the change's journal step.
 */
@Component
class SliceSigner {

  private final ZoneKeyStore keys;
  private final StoredRecords stored;
  private final ZoneData data;
  private final ZoneJournal journal;
  private final DnssecProperties properties;
  private final Clock clock;

  SliceSigner(
      ZoneKeyStore keys,
      StoredRecords stored,
      ZoneData data,
      ZoneJournal journal,
      DnssecProperties properties,
      Clock clock) {
    this.keys = keys;
    this.stored = stored;
    this.data = data;
    this.journal = journal;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Signs at the names {@code where} selects the records of {@code kind}: {@code wanted} are the
   * records signing owns there (DNSKEY, ..., chain), {@code dataKeys} the zone's own RRsets there
   * that carry signatures.
   */
  void sign(
      SigningRun run,
      NameFilter where,
      StoredRecords.Kind kind,
      Map<RRsetKey, RRset> wanted,
      Collection<RRsetKey> dataKeys) {
    List<StoredRecords.Row> removed = new ArrayList<>();
    List<Record> added = new ArrayList<>();
    Set<RRsetKey> replaced = new HashSet<>();
    StoredRecords.Loaded loaded = stored.load(run.zoneId, where, kind);
    Map<RRsetKey, List<StoredRecords.Row>> current = loaded.records();
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
        replaced.add(key);
      }
    }

    Set<RRsetKey> signedKeys = new LinkedHashSet<>(dataKeys);
    signedKeys.addAll(wanted.keySet());
    Map<RRsetKey, List<StoredRecords.Row>> signatures = loaded.signatures();
    Set<RRsetKey> toSign = new LinkedHashSet<>();
    for (RRsetKey key : signedKeys) {
      List<StoredRecords.Row> sigs = signatures.get(key);
      if (run.resign.contains(key)
          || replaced.contains(key)
          || sigs == null
          || sigs.stream().anyMatch(s -> s.expiresAt() == null || s.expiresAt().isBefore(run.due))
          // a key became active or retired (rollover): the RRset's signers must be the active keys
          || !keyTags(sigs).equals(signedByKsk(key.type()) ? run.kskTags : run.zskTags)) {
        toSign.add(key);
      }
    }
    signatures.forEach((key, rows) -> {
      if (!signedKeys.contains(key) || toSign.contains(key)) {
        removed.addAll(rows);
      }
    });

    Map<RRsetKey, RRset> rrsets =
        data.rrsets(
            run.zoneId, run.apex, toSign, wanted.keySet(), where.names() == null ? where : null);
    rrsets.put(new RRsetKey(run.apex, Type.SOA), new RRset(run.soa));
    added.addAll(signatures(run, toSign, wanted, rrsets));

    stored.delete(removed);
    List<JournalRecord> addedServed = stored.insert(run.zoneId, added);
    journal.appendToStep(
        run.step,
        new RecordDelta(removed.stream().map(StoredRecords.Row::served).toList(), addedServed));
  }

  private List<Record> signatures(
      SigningRun run,
      Set<RRsetKey> toSign,
      Map<RRsetKey, RRset> wanted,
      Map<RRsetKey, RRset> data) {
    Instant now = clock.instant();
    Instant inception = now.minus(properties.inceptionOffset());
    long jitter = properties.signatureJitter().toSeconds();
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
      for (ZoneKey zoneKey : run.keys) {
        if (zoneKey.role() != signer || !zoneKey.signs()) {
          continue;
        }
        try {
          sigs.add(
              DNSSEC.sign(
                  rrset, zoneKey.dnskey(), run.privateKey(zoneKey, keys), inception, expiration));
        } catch (DNSSEC.DNSSECException e) {
          throw new IllegalStateException("cannot sign " + key, e);
        }
      }
    }
    return sigs;
  }

  static boolean signedByKsk(int type) {
    return type == Type.DNSKEY || type == Type.CDS || type == Type.CDNSKEY;
  }

  /** The key tags of stored RRSIGs (the seventh field of the rdata, RFC 4034 section 3.2). */
  static Set<Integer> keyTags(List<StoredRecords.Row> sigs) {
    Set<Integer> tags = new TreeSet<>();
    sigs.forEach(s -> tags.add(Integer.parseInt(s.data().split("\\s+")[6])));
    return tags;
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
}
