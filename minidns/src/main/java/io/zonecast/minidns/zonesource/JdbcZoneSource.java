package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads zones from the views central publishes for it (schema {@code published}, V70). A record
 * whose stored text cannot be parsed is skipped and logged, so one bad row can never block a whole
 * transfer. One per database: the primary, and the read replica when there is one ({@link
 * ZoneSourceConfiguration}).
 */
class JdbcZoneSource implements ZoneSource {

  private static final Logger log = LoggerFactory.getLogger(JdbcZoneSource.class);

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;
  private final TransactionTemplate snapshot;
  private final JdbcJournal journal;

  JdbcZoneSource(DataSource dataSource, MiniDnsProperties properties) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    // PostgreSQL streams with a cursor only inside a transaction and with a fetch size: the zone
    // then arrives in slices of this many rows instead of all at once
    this.streaming.setFetchSize(properties.transferFetchSize());
    this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    // REPEATABLE READ is set by the transaction's first statement (SNAPSHOT_ISOLATION), not
    // through JDBC, whose driver reads, sets and resets the session's level in three more round
    // trips for every transfer
    this.snapshot.setReadOnly(true);
    this.journal = new JdbcJournal(streaming, properties.maxIxfrRecords());
  }

  @Override
  public Optional<ZoneHead> findZone(Name name) {
    List<String> candidates = new ArrayList<>();
    for (int labels = name.labels(); labels >= 2; labels--) {
      Name suffix = new Name(name, name.labels() - labels);
      candidates.add(suffix.toString().toLowerCase());
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    String placeholders = String.join(",", Collections.nCopies(candidates.size(), "?"));
    List<ZoneHead> found =
        jdbc.query(
            HEAD_QUERY
                + " where z.name in ("
                + placeholders
                + ") order by length(z.name) desc limit 1",
            this::head,
            candidates.toArray());
    return found.stream().findFirst();
  }

  private static final String HEAD_QUERY =
      """
      select z.id, z.name, z.serial, soa.data as soa, coalesce(soa.ttl, z.ttl) as soa_ttl
      from published.zones z
      left join lateral (
        select r.data, s.ttl from published.records r join published.recordsets s on s.id = r.recordset_id
        where s.zone_id = z.id and s.type = 'SOA' limit 1) soa on true
      """;

  private ZoneHead head(ResultSet rs, int row) throws SQLException {
    Name apex = name(rs.getString("name"));
    long serial = rs.getLong("serial");
    long ttl = rs.getLong("soa_ttl");
    String soaText = rs.getString("soa");
    if (soaText == null) {
      throw new ZoneNotLoaded(apex);
    }
    SOARecord soa;
    try {
      SOARecord stored =
          (SOARecord) Record.fromString(apex, Type.SOA, DClass.IN, ttl, soaText, apex);
      // zones.serial is the truth; the stored SOA carries it too, but never trust two copies
      soa =
          new SOARecord(
              apex,
              DClass.IN,
              ttl,
              stored.getHost(),
              stored.getAdmin(),
              serial,
              stored.getRefresh(),
              stored.getRetry(),
              stored.getExpire(),
              stored.getMinimum());
    } catch (IOException | RuntimeException e) {
      throw new SQLException("zone " + apex + " has no usable SOA record: " + soaText, e);
    }
    return new ZoneHead(UUID.fromString(rs.getString("id")), apex, serial, soa);
  }

  @Override
  public List<Record> recordsAt(ZoneHead zone, Name name) {
    List<Record> records = new ArrayList<>();
    String owner = name.toString().toLowerCase();
    jdbc.query(
        ZONE_RECORDS.formatted("and s.name = ?", "and name = ?") + " order by part, type, seq",
        each(zone.name(), records::add),
        zone.id(),
        owner,
        zone.id(),
        owner);
    return records;
  }

  /**
   * The zone's records but its SOA (part 0, in their recordset's order), then what DNSSEC signing
   * added to it (part 1: RRSIG, DNSKEY, CDS, CDNSKEY, NSEC3PARAM, NSEC/NSEC3, made by central when
   * the change was written, served like the zone's other records): one statement, one round trip.
   * Each part takes a condition of its own ({@code %s}, may be empty).
   */
  private static final String ZONE_RECORDS =
      """
      select name, type, ttl, data from (
        select s.name, s.type, coalesce(s.ttl, z.ttl) as ttl, r.data, 0 as part, r.position as seq
        from published.records r
        join published.recordsets s on s.id = r.recordset_id
        join published.zones z on z.id = s.zone_id
        where s.zone_id = ? and s.type <> 'SOA' %s
        union all
        select name, type, ttl, data, 1, id from published.zone_dnssec_records
        where zone_id = ? %s
      ) zone_records
      """;

  @Override
  public boolean hasNamesBelow(ZoneHead zone, Name name) {
    Boolean below =
        jdbc.queryForObject(
            "select exists (select 1 from published.recordsets where zone_id = ? and name like ?)",
            Boolean.class,
            zone.id(),
            "%."
                + name.toString()
                    .toLowerCase()
                    .replace("\\", "\\\\")
                    .replace("_", "\\_")
                    .replace("%", "\\%"));
    return Boolean.TRUE.equals(below);
  }

  /**
   * One REPEATABLE READ, read-only transaction: the zone row, its records and its journal are read
   * from the same snapshot, so the serial and the records always belong together (RFC 5936 section
   * 6: a transfer is a consistent copy of one version of the zone; RFC 1995: so is each IXFR
   * difference).
   */
  @Override
  public <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work) {
    return snapshot.execute(status -> {
      jdbc.execute(SNAPSHOT_ISOLATION);
      List<ZoneHead> heads =
          jdbc.query(HEAD_QUERY + " where z.name = ?", this::head, apex.toString().toLowerCase());
      if (heads.isEmpty()) {
        return Optional.<T>empty();
      }
      return Optional.ofNullable(work.apply(new Snapshot(heads.getFirst())));
    });
  }

  private static final String SNAPSHOT_ISOLATION =
      "set transaction isolation level repeatable read";

  private final class Snapshot implements ZoneSnapshot {
    private final ZoneHead zone;

    Snapshot(ZoneHead zone) {
      this.zone = zone;
    }

    @Override
    public ZoneHead head() {
      return zone;
    }

    @Override
    public void streamRecords(Consumer<Record> records) {
      streaming.query(
          ZONE_RECORDS.formatted("", "") + " order by part, name, type, seq",
          each(zone.name(), records),
          zone.id(),
          zone.id());
    }

    @Override
    public Optional<List<JournalStep>> journalFrom(long serial) {
      return journal.stepsFrom(zone, serial);
    }
  }

  /** A row callback that hands each stored row, as a record of the zone at {@code origin}, on. */
  static RowCallbackHandler each(Name origin, Consumer<Record> records) {
    return rs -> {
      Record record = record(rs, origin);
      if (record != null) {
        records.accept(record);
      }
    };
  }

  static Record record(ResultSet rs, Name origin) throws SQLException {
    String owner = rs.getString("name");
    String type = rs.getString("type");
    String data = rs.getString("data");
    try {
      return Record.fromString(
          name(owner), Type.value(type), DClass.IN, rs.getLong("ttl"), data, origin);
    } catch (IOException | RuntimeException e) {
      log.error(
          "skipping unparseable {} record at {} in {}: '{}' ({})",
          type,
          owner,
          origin,
          data,
          e.getMessage());
      return null;
    }
  }

  static Name name(String text) throws SQLException {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new SQLException("bad name in the database: " + text, e);
    }
  }
}
