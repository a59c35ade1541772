package io.zonecast.central.journal;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Writes the change journal MiniDNS answers IXFR from: one step per change to a zone, holding the
 * RRs the change removed and added, the old and the new SOA among them, in the change's own
 * transaction, so a committed serial always has its step and a rolled-back one never has.
 */
@Component
public class ZoneJournal {

  private final JdbcTemplate jdbc;

  ZoneJournal(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The zone's stored SOA at {@code serial}, served with its recordset's TTL, else the zone's. */
  public JournalRecord soa(UUID zoneId, String apex, long serial, int zoneTtl) {
    return jdbc.queryForObject(
        """
        select r.data, s.ttl from records r join recordsets s on s.id = r.recordset_id
        where s.zone_id = ? and s.type = 'SOA' limit 1
        """,
        (rs, row) -> {
          Number ttl = (Number) rs.getObject("ttl");
          long served = ttl == null ? zoneTtl : ttl.longValue();
          return new JournalRecord(
              apex, "SOA", served, withSerial(apex, rs.getString("data"), serial));
        },
        zoneId);
  }

  /**
   * The zone's SOA before and after a change rewrites its rdata to {@code newData}, from one read
   * of the stored SOA (taken before the rewrite): each served with the SOA recordset's TTL, else
   * the zone's TTL of its time.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public SoaChange soaChange(
      UUID zoneId,
      String apex,
      long oldSerial,
      int oldZoneTtl,
      long newSerial,
      int newZoneTtl,
      String newData) {
    return jdbc.queryForObject(
        """
        select r.data, s.ttl from records r join recordsets s on s.id = r.recordset_id
        where s.zone_id = ? and s.type = 'SOA' limit 1
        """,
        (rs, row) -> {
          Number ttl = (Number) rs.getObject("ttl");
          return new SoaChange(
              new JournalRecord(
                  apex,
                  "SOA",
                  ttl == null ? oldZoneTtl : ttl.longValue(),
                  withSerial(apex, rs.getString("data"), oldSerial)),
              new JournalRecord(
                  apex,
                  "SOA",
                  ttl == null ? newZoneTtl : ttl.longValue(),
                  withSerial(apex, newData, newSerial)));
        },
        zoneId);
  }

  /** The SOA a change removes and the one it adds. */
  public record SoaChange(JournalRecord before, JournalRecord after) {}

  /**
   * A new zone TTL changes the TTL of every recordset without its own, so each of their RRs is
   * removed at the old TTL and added at the new one (the SOA is journalled by its own change).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public RecordDelta zoneTtlChanged(UUID zoneId, int oldTtl, int newTtl) {
    List<JournalRecord> before = new ArrayList<>();
    List<JournalRecord> after = new ArrayList<>();
    jdbc.query(
        """
        select s.name, s.type, r.data from records r join recordsets s on s.id = r.recordset_id
        where s.zone_id = ? and s.ttl is null and s.type <> 'SOA'
        order by s.name, s.type, r.position
        """,
        rs -> {
          String name = rs.getString("name");
          String type = rs.getString("type");
          String data = rs.getString("data");
          before.add(new JournalRecord(name, type, oldTtl, data));
          after.add(new JournalRecord(name, type, newTtl, data));
        },
        zoneId);
    return RecordDelta.between(before, after);
  }

  /** Records that the zone went from {@code oldSerial} to {@code newSerial} by {@code delta}. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(
      UUID zoneId, long oldSerial, long newSerial, RecordDelta delta, LocalDateTime at) {
    // the step and its records in one statement, the records in the order given (read by id)
    Object[] records = recordColumns(delta);
    jdbc.update(
        """
        with step as (
          insert into zone_journal_steps (zone_id, old_serial, new_serial, created_at)
          values (?, ?, ?, ?) returning id)
        insert into zone_journal_records (step_id, removed, name, type, ttl, data)
        select step.id, r.removed, r.name, r.type, r.ttl, r.data
        from step, unnest(?::boolean[], ?::varchar[], ?::varchar[], ?::bigint[], ?::text[])
                   with ordinality as r(removed, name, type, ttl, data, n)
        order by r.n
        """,
        zoneId,
        oldSerial,
        newSerial,
        at,
        records[0],
        records[1],
        records[2],
        records[3],
        records[4]);
  }

  /**
   * The delta's records as the five arrays the statements {@code unnest}: removed flags, names,
   * types, TTLs and data, the removed records first.
   */
  private static Object[] recordColumns(RecordDelta delta) {
    List<JournalRecord> records = new ArrayList<>(delta.removed());
    records.addAll(delta.added());
    Boolean[] removedFlags = new Boolean[records.size()];
    for (int i = 0; i < removedFlags.length; i++) {
      removedFlags[i] = i < delta.removed().size();
    }
    return new Object[] {
      removedFlags,
      records.stream().map(JournalRecord::name).toArray(String[]::new),
      records.stream().map(JournalRecord::type).toArray(String[]::new),
      records.stream().map(JournalRecord::ttl).toArray(Long[]::new),
      records.stream().map(JournalRecord::data).toArray(String[]::new)
    };
  }

  /**
   * Adds {@code delta} to the zone's latest step, the one that reached {@code newSerial}: what the
   * change's signatures (DNSSEC) removed and added, known only once the change is written.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendToStep(UUID zoneId, long newSerial, RecordDelta delta) {
    appendToStep(stepReaching(zoneId, newSerial), delta);
  }

  /** The id of the zone's latest step, the one that reached {@code newSerial}. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long stepReaching(UUID zoneId, long newSerial) {
    Long step =
        jdbc.queryForObject(
            "select max(id) from zone_journal_steps where zone_id = ? and new_serial = ?",
            Long.class,
            zoneId,
            newSerial);
    if (step == null) {
      throw new IllegalStateException(
          "no journal step of zone " + zoneId + " reached " + newSerial);
    }
    return step;
  }

  /** Adds {@code delta} to the step {@code step} (one statement, the records in order). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendToStep(long step, RecordDelta delta) {
    if (delta.isEmpty()) {
      return;
    }
    Object[] records = recordColumns(delta);
    jdbc.update(
        """
        insert into zone_journal_records (step_id, removed, name, type, ttl, data)
        select ?, r.removed, r.name, r.type, r.ttl, r.data
        from unnest(?::boolean[], ?::varchar[], ?::varchar[], ?::bigint[], ?::text[])
                   with ordinality as r(removed, name, type, ttl, data, n)
        order by r.n
        """,
        step,
        records[0],
        records[1],
        records[2],
        records[3],
        records[4]);
  }

  /**
   * Runs {@code deleteReturning}, a {@code delete ... returning name, type, ttl, data} of records
   * the zone served, and journals every row it returns as removed in the step {@code step}: one
   * statement, so nothing of it is held here however many rows it removes. Returns how many.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int appendRemovedToStep(long step, String deleteReturning, Object... args) {
    Object[] all = new Object[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = step;
    return jdbc.update(
        "with gone as ("
            + deleteReturning
            + ") insert into zone_journal_records (step_id, removed, name, type, ttl, data)"
            + " select ?, true, gone.name, gone.type, gone.ttl, gone.data from gone",
        all);
  }

  /** The stored SOA carries the serial of its last rewrite; the journal says which it served. */
  private static String withSerial(String apex, String soaData, long serial) {
    try {
      Name origin = Name.fromString(apex, Name.root);
      SOARecord soa =
          (SOARecord) Record.fromString(origin, Type.SOA, DClass.IN, 0, soaData, origin);
      return new SOARecord(
              origin,
              DClass.IN,
              0,
              soa.getHost(),
              soa.getAdmin(),
              serial,
              soa.getRefresh(),
              soa.getRetry(),
              soa.getExpire(),
              soa.getMinimum())
          .rdataToString();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("zone " + apex + " has an unusable SOA: " + soaData, e);
    }
  }
}
