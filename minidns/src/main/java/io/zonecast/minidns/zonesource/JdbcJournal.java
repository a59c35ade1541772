package io.zonecast.minidns.zonesource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads a zone's change journal (written by central with each change). Called inside the snapshot's
 * transaction, so the steps end exactly at the head's serial unless the journal is broken, which is
 * checked rather than trusted: any gap means no steps, and the client gets AXFR.
 *
 * <p>The steps are held in memory (an IXFR condenses them), so at most {@code maxRecords} journal
 * records are read: past that the client gets AXFR too, which is streamed. Signing a 100,000-record
 * zone is one step of 300,000 records, which an IXFR read whole took MiniDNS's heap out of.
 */
final class JdbcJournal {

  private static final Logger log = LoggerFactory.getLogger(JdbcJournal.class);

  private final JdbcTemplate streaming;
  private final int maxRecords;

  /**
   * @param streaming a template with a fetch size, so the rows come from a cursor and reading can
   *     stop at the bound without the rest having been fetched
   */
  JdbcJournal(JdbcTemplate streaming, int maxRecords) {
    this.streaming = streaming;
    this.maxRecords = maxRecords;
  }

  /** Thrown out of the row handler to stop reading: the rest of the rows stay in the cursor. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  Optional<List<JournalStep>> stepsFrom(ZoneHead zone, long serial) {
    List<StepBuilder> steps = new ArrayList<>();
    boolean readable;
    try {
      readable = read(zone, serial, steps);
    } catch (TooLarge e) {
      log.info(
          "journal of {} from serial {} holds more than {} records"
              + " (zonecast.minidns.max-ixfr-records): the whole zone is transferred instead",
          zone.name(),
          serial,
          maxRecords);
      return Optional.empty();
    }
    return readable ? chained(zone, serial, steps) : Optional.empty();
  }

  /** Reads the steps into {@code steps}; false when a record could not be read (logged). */
  private boolean read(ZoneHead zone, long serial, List<StepBuilder> steps) {
    boolean[] unreadable = {false};
    int[] records = {0};
    streaming.query(
        """
        select s.id, s.old_serial, s.new_serial, r.removed, r.name, r.type, r.ttl, r.data
        from published.zone_journal_steps s
        left join published.zone_journal_records r on r.step_id = s.id
        where s.zone_id = ?
          and s.id >= (select max(id) from published.zone_journal_steps where zone_id = ? and old_serial = ?)
        order by s.id, r.id
        """,
        rs -> {
          long id = rs.getLong("id");
          if (steps.isEmpty() || steps.getLast().id != id) {
            steps.add(new StepBuilder(id, rs.getLong("old_serial"), rs.getLong("new_serial")));
          }
          String type = rs.getString("type");
          if (type == null) {
            return;
          }
          if (++records[0] > maxRecords) {
            throw new TooLarge();
          }
          String owner = rs.getString("name");
          String data = rs.getString("data");
          try {
            Record record =
                Record.fromString(
                    JdbcZoneSource.name(owner),
                    Type.value(type),
                    DClass.IN,
                    rs.getLong("ttl"),
                    data,
                    zone.name());
            (rs.getBoolean("removed") ? steps.getLast().removed : steps.getLast().added)
                .add(record);
          } catch (IOException | RuntimeException e) {
            log.error(
                "journal of {} has an unreadable {} record at {}: '{}' ({})",
                zone.name(),
                type,
                owner,
                data,
                e.getMessage());
            unreadable[0] = true;
          }
        },
        zone.id(),
        zone.id(),
        serial);
    return !unreadable[0];
  }

  private static Optional<List<JournalStep>> chained(
      ZoneHead zone, long serial, List<StepBuilder> steps) {
    if (steps.isEmpty()) {
      return Optional.empty();
    }
    long expected = serial;
    for (StepBuilder step : steps) {
      if (step.oldSerial != expected) {
        log.warn(
            "journal of {} has a gap: a step from {} follows serial {}",
            zone.name(),
            step.oldSerial,
            expected);
        return Optional.empty();
      }
      expected = step.newSerial;
    }
    if (expected != zone.serial()) {
      log.warn(
          "journal of {} ends at serial {}, the zone is at {}",
          zone.name(),
          expected,
          zone.serial());
      return Optional.empty();
    }
    return Optional.of(steps.stream().map(StepBuilder::build).toList());
  }

  private static final class StepBuilder {
    final long id;
    final long oldSerial;
    final long newSerial;
    final List<Record> removed = new ArrayList<>();
    final List<Record> added = new ArrayList<>();

    StepBuilder(long id, long oldSerial, long newSerial) {
      this.id = id;
      this.oldSerial = oldSerial;
      this.newSerial = newSerial;
    }

    JournalStep build() {
      return new JournalStep(oldSerial, newSerial, removed, added);
    }
  }
}
