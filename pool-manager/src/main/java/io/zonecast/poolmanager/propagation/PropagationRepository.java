package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The propagation state in PostgreSQL (tables {@code zone_propagations} and {@code
 * nameserver_propagations}). {@link #lock} takes the zone row's lock for the rest of the
 * transaction, so instances working on one zone take turns and each sees what the last one saved.
 */
@Repository
class PropagationRepository {

  private static final String ZONE_COLUMNS =
      "zone_id, zone_name, pool_id, target_serial, action, request_id, project_id, state,"
          + " started_at, round_started_at";

  private final JdbcTemplate jdbc;

  PropagationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the propagation unless the zone has one already (then that one stays as it is). */
  void insertIfAbsent(ZonePropagation propagation) {
    ZoneRef zone = propagation.zone();
    jdbc.update(
        "insert into zone_propagations ("
            + ZONE_COLUMNS
            + ", updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " on conflict (zone_id) do nothing",
        zone.id(),
        zone.name(),
        zone.poolId(),
        zone.serial(),
        propagation.action().name(),
        propagation.context().requestId(),
        propagation.context().projectId(),
        propagation.state().name(),
        time(propagation.startedAt()),
        time(propagation.roundStartedAt()));
  }

  /**
   * The zone's propagation, its row locked until the transaction ends. The nameservers' rows are
   * read by a second statement, after the lock: one statement joining them would, having waited for
   * the lock, still see them as they were before the holder's commit (a lost update).
   */
  Optional<ZonePropagation> lock(UUID zoneId) {
    List<ZoneRow> rows =
        jdbc.query(
            "select " + ZONE_COLUMNS + " from zone_propagations where zone_id = ? for update",
            (rs, i) -> zoneRow(rs),
            zoneId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<NameserverPoll> polls =
        jdbc.query(
            "select nameserver, polled_serial, last_serial, last_outcome, answered_serial,"
                + " updated_at from nameserver_propagations where zone_id = ? order by nameserver",
            (rs, i) ->
                new NameserverPoll(
                    rs.getString("nameserver"),
                    nullableLong(rs, "polled_serial"),
                    nullableLong(rs, "last_serial"),
                    rs.getString("last_outcome") == null
                        ? null
                        : PollStatus.valueOf(rs.getString("last_outcome")),
                    nullableLong(rs, "answered_serial"),
                    instant(rs, "updated_at")),
            zoneId);
    return Optional.of(rows.getFirst().toPropagation(polls));
  }

  /** Writes the propagation back; call it in the transaction that locked it. */
  void save(ZonePropagation propagation) {
    ZoneRef zone = propagation.zone();
    jdbc.update(
        "update zone_propagations set zone_name = ?, pool_id = ?, target_serial = ?, action = ?,"
            + " request_id = ?, project_id = ?, state = ?, started_at = ?, round_started_at = ?,"
            + " updated_at = now() where zone_id = ?",
        zone.name(),
        zone.poolId(),
        zone.serial(),
        propagation.action().name(),
        propagation.context().requestId(),
        propagation.context().projectId(),
        propagation.state().name(),
        time(propagation.startedAt()),
        time(propagation.roundStartedAt()),
        zone.id());
    // the nameservers' rows in one statement: those no longer polled deleted, the others upserted
    List<NameserverPoll> polls = propagation.nameservers();
    jdbc.update(
        """
        with gone as (
          delete from nameserver_propagations
          where zone_id = ? and nameserver <> all (?::varchar[]))
        insert into nameserver_propagations (zone_id, nameserver, polled_serial, last_serial,
                                             last_outcome, answered_serial, updated_at)
        select ?, n.* from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[],
                                  ?::bigint[], ?::timestamptz[]) as n
        on conflict (zone_id, nameserver) do update set
          polled_serial = excluded.polled_serial, last_serial = excluded.last_serial,
          last_outcome = excluded.last_outcome, answered_serial = excluded.answered_serial,
          updated_at = excluded.updated_at
        """,
        zone.id(),
        polls.stream().map(NameserverPoll::nameserver).toArray(String[]::new),
        zone.id(),
        polls.stream().map(NameserverPoll::nameserver).toArray(String[]::new),
        polls.stream().map(NameserverPoll::polledSerial).toArray(Long[]::new),
        polls.stream().map(NameserverPoll::lastSerial).toArray(Long[]::new),
        polls.stream()
            .map(p -> p.lastOutcome() == null ? null : p.lastOutcome().name())
            .toArray(String[]::new),
        polls.stream().map(NameserverPoll::answeredSerial).toArray(Long[]::new),
        polls.stream()
            .map(p -> p.updatedAt() == null ? null : p.updatedAt().toString())
            .toArray(String[]::new));
  }

  /**
   * True when central's zone row (view {@code published.zones}) is at another serial or action than
   * the report: a newer change is on its way here, and central would ignore the report anyway. A
   * zone central no longer has (or never had) does not count as moved on.
   */
  boolean movedOnAtCentral(ZoneRef zone, ZoneAction action) {
    List<Boolean> moved =
        jdbc.query(
            "select serial <> ? or action <> ? from published.zones where id = ?",
            (rs, i) -> rs.getBoolean(1),
            zone.serial(),
            action.name(),
            zone.id());
    return !moved.isEmpty() && moved.getFirst();
  }

  /** Zones propagating whose last round was cast before the instant and is fully answered. */
  List<UUID> roundsAnsweredAndStartedBefore(Instant instant, int limit) {
    return jdbc.queryForList(
        "select z.zone_id from zone_propagations z where z.state = 'PROPAGATING'"
            + " and z.round_started_at < ? and not exists (select 1 from nameserver_propagations n"
            + " where n.zone_id = z.zone_id and n.polled_serial is not null)"
            + " order by z.round_started_at limit ?",
        UUID.class,
        time(instant),
        limit);
  }

  /** Zones propagating whose current round was cast before the instant, oldest first. */
  List<UUID> roundsStartedBefore(Instant instant) {
    return jdbc.queryForList(
        "select zone_id from zone_propagations where state = 'PROPAGATING'"
            + " and round_started_at < ? order by round_started_at",
        UUID.class,
        time(instant));
  }

  /** True when the zone's DELETE has been received (its propagation is marked DELETED). */
  boolean isDeleted(UUID zoneId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from zone_propagations where zone_id = ?"
                + " and state = 'DELETED')",
            Boolean.class,
            zoneId));
  }

  /** The zone's propagation state names a pool other than {@code poolId}, and it is not deleted. */
  boolean livesInAnotherPool(UUID zoneId, UUID poolId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from zone_propagations where zone_id = ?"
                + " and pool_id <> ? and state <> 'DELETED')",
            Boolean.class,
            zoneId,
            poolId));
  }

  /** Forgets zones deleted before the instant; returns how many. */
  int forgetDeletedBefore(Instant instant) {
    return jdbc.update(
        "delete from zone_propagations where state = 'DELETED' and updated_at < ?", time(instant));
  }

  /**
   * Forgets propagations, not deleted, of zones central no longer publishes; returns how many. A
   * zone's row exists at central before any change of it reaches here (the outbox sends after the
   * commit), so a missing row is a zone abandoned, never one not created yet. Their nameservers'
   * rows go with them (on delete cascade).
   */
  int forgetAbandoned() {
    return jdbc.update(
        "delete from zone_propagations p where p.state <> 'DELETED'"
            + " and not exists (select 1 from published.zones z where z.id = p.zone_id)");
  }

  /** Zones whose propagation is unfinished. */
  List<UUID> propagating() {
    return jdbc.queryForList(
        "select zone_id from zone_propagations where state = 'PROPAGATING' order by started_at",
        UUID.class);
  }

  private record ZoneRow(
      ZoneRef zone,
      ZoneAction action,
      RequestContext context,
      ZonePropagation.State state,
      Instant startedAt,
      Instant roundStartedAt) {

    ZonePropagation toPropagation(List<NameserverPoll> polls) {
      return new ZonePropagation(zone, action, context, state, startedAt, roundStartedAt, polls);
    }
  }

  private static ZoneRow zoneRow(ResultSet rs) throws SQLException {
    return new ZoneRow(
        new ZoneRef(
            rs.getObject("zone_id", UUID.class),
            rs.getString("zone_name"),
            rs.getObject("pool_id", UUID.class),
            rs.getLong("target_serial")),
        ZoneAction.valueOf(rs.getString("action")),
        new RequestContext(rs.getString("request_id"), rs.getString("project_id")),
        ZonePropagation.State.valueOf(rs.getString("state")),
        instant(rs, "started_at"),
        instant(rs, "round_started_at"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
