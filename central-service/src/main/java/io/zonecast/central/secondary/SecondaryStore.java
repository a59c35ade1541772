package io.zonecast.central.secondary;

import com.zaxxer.hikari.HikariDataSource;
import io.zonecast.central.recordset.CreatingZone;
import io.zonecast.central.secondary.wire.RecordSink;
import io.zonecast.central.secondary.wire.StagedRecord;
import io.zonecast.central.system.RecordsetStatistics;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.postgres.PostgresChannels;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the pull of a SECONDARY zone meets the database. A pull runs in one transaction holding the
 * zone's advisory lock (so two central instances never pull one zone at once); the transfer is
 * streamed into a temporary table in batches, and {@link PullSession#apply} turns it into the
 * zone's recordsets, its change-journal step and the pool manager's event, all committed together
 * or not at all.
 */
@Component
class SecondaryStore implements DisposableBean {

  /** First key of the advisory locks of pulls (the second is the zone id's hash). */
  static final int PULL_LOCK = 0x5ec0;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  private final HikariDataSource writes;

  /**
   * A pull holds its connection for the whole transfer (up to the transfer timeout): the pulls
   * write through a small pool of their own, so that slow masters never take the API's connections.
   */
  @Autowired
  SecondaryStore(DataSourceProperties database, SecondaryPullProperties settings, Clock clock) {
    // one connection per pull at once, plus one for the timers' bookkeeping
    this(writablePool(database, settings.parallelism() + 1), clock);
  }

  private static HikariDataSource writablePool(DataSourceProperties database, int connections) {
    HikariDataSource pool =
        database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("secondary-pulls");
    // as spring.datasource.hikari.data-source-properties gives the main pool (application.yaml)
    pool.addDataSourceProperty("options", "-c jit=off");
    pool.setMaximumPoolSize(Math.max(2, connections));
    pool.setMinimumIdle(0);
    return pool;
  }

  @Override
  public void destroy() {
    if (writes != null) {
      writes.close();
    }
  }

  SecondaryStore(DataSource dataSource, Clock clock) {
    this.writes = dataSource instanceof HikariDataSource hikari ? hikari : null;
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  private static final String ZONE_QUERY =
      """
      select z.id, z.name, z.pool_id, z.project_id, z.serial, z.masters::text as masters,
             z.transferred_at, z.status, z.action,
             r.refresh_seconds, r.retry_seconds, r.expire_seconds
      from zones z left join secondary_zone_refresh r on r.zone_id = z.id
      where z.type = 'SECONDARY'
      """;

  Optional<SecondaryZoneRow> zone(UUID id) {
    return jdbc.query(ZONE_QUERY + " and z.id = ?", SecondaryStore::row, id).stream().findFirst();
  }

  /** Zones whose refresh (or retry) time has come, longest waiting first. */
  List<UUID> due(int limit) {
    return jdbc.queryForList(
        """
        select r.zone_id from secondary_zone_refresh r join zones z on z.id = r.zone_id
        where r.next_check_at <= ? and z.action <> 'DELETE'
        order by r.next_check_at limit ?
        """,
        UUID.class,
        now(),
        limit);
  }

  /** Whether the zone's refresh (or retry) time has come. */
  boolean isDue(UUID zoneId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from secondary_zone_refresh where zone_id = ?"
                + " and next_check_at <= ?)",
            Boolean.class,
            zoneId,
            now()));
  }

  /**
   * Runs {@code work} in one transaction holding the zone's pull lock; empty when another pull of
   * the zone (in this or another central) holds it. An exception from {@code work} rolls back
   * everything it staged or applied.
   */
  <T> Optional<T> inPull(UUID zoneId, Function<PullSession, T> work) {
    return transactions.execute(status -> {
      Boolean locked =
          jdbc.queryForObject(
              "select pg_try_advisory_xact_lock(?, hashtext(?))",
              Boolean.class,
              PULL_LOCK,
              zoneId.toString());
      if (!Boolean.TRUE.equals(locked)) {
        return Optional.<T>empty();
      }
      Optional<SecondaryZoneRow> zone = zone(zoneId);
      if (zone.isEmpty()) {
        return Optional.<T>empty();
      }
      jdbc.execute(
          "create temp table if not exists secondary_xfr_in (name text not null,"
              + " type text not null, ttl bigint not null, data text not null) on commit drop");
      jdbc.execute("truncate secondary_xfr_in");
      return Optional.ofNullable(work.apply(new Session(zone.get())));
    });
  }

  /** The staging and storing of one pull; valid only inside {@link #inPull}. */
  interface PullSession extends RecordSink {

    SecondaryZoneRow zone();

    /**
     * Stores what was staged as the zone's content at {@code soa}'s serial; false (and nothing
     * stored) when the zone was deleted meanwhile.
     */
    boolean apply(StagedRecord soa, long serial, Timers timers, RequestContext context);
  }

  /** The master's SOA timers (RFC 1035 3.3.13), in seconds. */
  record Timers(long refresh, long retry, long expire) {}

  private final class Session implements PullSession {
    private final SecondaryZoneRow zone;

    Session(SecondaryZoneRow zone) {
      this.zone = zone;
    }

    @Override
    public SecondaryZoneRow zone() {
      return zone;
    }

    /** COPY, PostgreSQL's bulk load, rather than an insert per record. */
    @Override
    public void stage(List<StagedRecord> batch) {
      StringBuilder csv = new StringBuilder();
      for (StagedRecord r : batch) {
        csv.append(quoted(r.name()))
            .append(',')
            .append(quoted(r.type()))
            .append(',')
            .append(r.ttl())
            .append(',')
            .append(quoted(r.data()))
            .append('\n');
      }
      jdbc.execute((Connection connection) -> {
        try {
          return connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "copy secondary_xfr_in (name, type, ttl, data) from stdin (format csv)",
                  new StringReader(csv.toString()));
        } catch (IOException e) {
          throw new SQLException("COPY of a transfer's records failed", e);
        }
      });
    }

    /** A CSV field for COPY: quoted, its quotes doubled (a backslash is no escape in CSV). */
    private static String quoted(String field) {
      return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void stageCurrent() {
      jdbc.update(
          """
          insert into secondary_xfr_in (name, type, ttl, data)
          select s.name, s.type, coalesce(s.ttl, z.ttl), r.data
          from records r join recordsets s on s.id = r.recordset_id join zones z on z.id = s.zone_id
          where s.zone_id = ? and s.type <> 'SOA'
          """,
          zone.id());
    }

    @Override
    public boolean unstage(List<StagedRecord> batch) {
      int[] counts =
          jdbc.batchUpdate(
              """
              delete from secondary_xfr_in where ctid = (select ctid from secondary_xfr_in
                where name = ? and type = ? and data = ? limit 1)
              """,
              batch.stream().map(r -> new Object[] {r.name(), r.type(), r.data()}).toList());
      for (int count : counts) {
        if (count == 0) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void clear() {
      jdbc.execute("truncate secondary_xfr_in");
    }

    @Override
    public boolean apply(StagedRecord soa, long serial, Timers timers, RequestContext context) {
      LocalDateTime now = now();
      List<SecondaryZoneRow> locked =
          jdbc.query(ZONE_QUERY + " and z.id = ? for update of z", SecondaryStore::row, zone.id());
      if (locked.isEmpty() || locked.getFirst().beingDeleted()) {
        return false;
      }
      SecondaryZoneRow current = locked.getFirst();
      ZoneAction action = nextAction(current);
      // a zone not yet created on the targets: its recordsets are stored settled and shown with
      // the zone's creation (CreatingZone), so its ACTIVE does not rewrite every one of them
      boolean creating = action == ZoneAction.CREATE;
      String recordStatus = creating ? CreatingZone.SETTLED : "PENDING";
      String recordAction = creating ? CreatingZone.SETTLED_ACTION : "UPDATE";
      // RFC 2181 5.2: the records of one RRset share a TTL; a master that sends several gets the
      // smallest, so what is compared below is what will be served
      jdbc.update(
          """
          update secondary_xfr_in i set ttl = m.ttl
          from (select name, type, min(ttl) as ttl from secondary_xfr_in group by name, type
                having count(distinct ttl) > 1) m
          where i.name = m.name and i.type = m.type
          """);
      jdbc.execute("drop table if exists secondary_xfr_delta");
      jdbc.update(
          """
          create temp table secondary_xfr_delta on commit drop as
          with old as (
            select s.name, s.type, coalesce(s.ttl, z.ttl)::bigint as ttl, r.data
            from records r join recordsets s on s.id = r.recordset_id
            join zones z on z.id = s.zone_id
            where s.zone_id = ? and s.type <> 'SOA'),
          new as (select distinct name, type, ttl, data from secondary_xfr_in)
          select name, type, ttl, data, true as removed
            from (select * from old except select * from new) gone
          union all
          select name, type, ttl, data, false from (select * from new except select * from old) came
          """,
          zone.id());
      if (current.everTransferred()) {
        journal(current, soa, serial, now);
      }
      jdbc.update(
          """
          delete from recordsets where zone_id = ? and (type = 'SOA'
            or (name, type) in (select name, type from secondary_xfr_delta))
          """,
          zone.id());
      int recordsets =
          jdbc.update(
              """
              insert into recordsets (id, zone_id, project_id, name, type, ttl, managed, status,
                                      action, serial, created_at)
              select gen_random_uuid(), ?, ?, n.name, n.type, least(min(n.ttl), 2147483647), false,
                     ?, ?, ?, ?
              from secondary_xfr_in n
              where (n.name, n.type) in (select name, type from secondary_xfr_delta)
              group by n.name, n.type
              """,
              zone.id(),
              current.projectId(),
              recordStatus,
              recordAction,
              serial,
              now);
      RecordsetStatistics.refreshBeforeRecords(jdbc, recordsets);
      int records =
          jdbc.update(
              """
              insert into records (id, recordset_id, zone_id, data, position)
              select gen_random_uuid(), s.id, s.zone_id, n.data,
                     row_number() over (partition by s.id order by n.data) - 1
              from (select distinct name, type, data from secondary_xfr_in) n
              join recordsets s on s.zone_id = ? and s.name = n.name and s.type = n.type
              where (n.name, n.type) in (select name, type from secondary_xfr_delta)
              """,
              zone.id());
      RecordsetStatistics.refreshAfterRecords(jdbc, records);
      UUID soaSet = UUID.randomUUID();
      jdbc.update(
          """
          insert into recordsets (id, zone_id, project_id, name, type, ttl, managed, status,
                                  action, serial, created_at)
          values (?, ?, ?, ?, 'SOA', ?, false, ?, ?, ?, ?)
          """,
          soaSet,
          zone.id(),
          current.projectId(),
          soa.name(),
          Math.min(soa.ttl(), Integer.MAX_VALUE),
          recordStatus,
          recordAction,
          serial,
          now);
      jdbc.update(
          "insert into records (id, recordset_id, zone_id, data, position) values (?, ?, ?, ?, 0)",
          UUID.randomUUID(),
          soaSet,
          zone.id(),
          soa.data());
      jdbc.update(
          """
          update zones set serial = ?, transferred_at = ?, status = 'PENDING', action = ?,
                 status_message = null, updated_at = ?, published_at = ?, version = version + 1
          where id = ?
          """,
          serial,
          now,
          action.name(),
          now,
          now,
          zone.id());
      ZoneRef ref = new ZoneRef(zone.id(), current.name(), current.poolId(), serial);
      jdbc.update(
          """
          insert into outbox_events (message_type, routing_key, payload, request_id, zone_id)
          values (?, ?, ?, ?, ?)
          """,
          ZoneChanged.TYPE,
          Messaging.ZONE_CHANGED.routingKey(),
          JSON.writeValueAsString(new ZoneChanged(context, ref, action, clock.instant())),
          context.requestId(),
          zone.id());
      // wakes central's relay at this transaction's commit, instead of at its next poll
      jdbc.execute("NOTIFY " + PostgresChannels.OUTBOX);
      succeeded(zone.id(), timers, now);
      return true;
    }

    /** The step of the change journal: old and new SOA, and what the transfer changed. */
    private void journal(
        SecondaryZoneRow current, StagedRecord soa, long serial, LocalDateTime at) {
      Long step =
          jdbc.queryForObject(
              """
              insert into zone_journal_steps (zone_id, old_serial, new_serial, created_at)
              values (?, ?, ?, ?) returning id
              """,
              Long.class,
              zone.id(),
              current.serial(),
              serial,
              at);
      jdbc.update(
          """
          insert into zone_journal_records (step_id, removed, name, type, ttl, data)
          select ?, true, s.name, 'SOA', coalesce(s.ttl, z.ttl), r.data
          from records r join recordsets s on s.id = r.recordset_id join zones z on z.id = s.zone_id
          where s.zone_id = ? and s.type = 'SOA'
          """,
          step,
          zone.id());
      jdbc.update(
          """
          insert into zone_journal_records (step_id, removed, name, type, ttl, data)
          select ?, true, name, type, ttl, data from secondary_xfr_delta where removed
          order by name, type, data
          """,
          step);
      jdbc.update(
          """
          insert into zone_journal_records (step_id, removed, name, type, ttl, data)
          values (?, false, ?, 'SOA', ?, ?)
          """,
          step,
          soa.name(),
          soa.ttl(),
          soa.data());
      jdbc.update(
          """
          insert into zone_journal_records (step_id, removed, name, type, ttl, data)
          select ?, false, name, type, ttl, data from secondary_xfr_delta where not removed
          order by name, type, data
          """,
          step);
    }
  }

  /** A zone never on the pool (or never created there) is a CREATE; else an UPDATE. */
  static ZoneAction nextAction(SecondaryZoneRow zone) {
    if (!zone.everTransferred()) {
      return ZoneAction.CREATE;
    }
    boolean neverCreated = "CREATE".equals(zone.action()) && !"ACTIVE".equals(zone.status());
    return neverCreated ? ZoneAction.CREATE : ZoneAction.UPDATE;
  }

  /**
   * A master answered (with or without a transfer): the refresh timer restarts, and a zone in ERROR
   * because it had expired is ACTIVE again (its content never left the pool).
   */
  void refreshed(UUID zoneId, Timers timers) {
    transactions.executeWithoutResult(status -> {
      LocalDateTime now = now();
      succeeded(zoneId, timers, now);
      jdbc.update(
          """
          update zones set status = 'ACTIVE', status_message = null, updated_at = ?
          where id = ? and status = 'ERROR' and action = 'NONE' and transferred_at is not null
          """,
          now,
          zoneId);
      jdbc.update(
          """
          update zones set status_message = null
          where id = ? and status <> 'ERROR' and status_message is not null
          """,
          zoneId);
    });
  }

  private void succeeded(UUID zoneId, Timers timers, LocalDateTime now) {
    jdbc.update(
        """
        insert into secondary_zone_refresh (zone_id, next_check_at, last_success_at,
            refresh_seconds, retry_seconds, expire_seconds, attempts)
        values (?, ?, ?, ?, ?, ?, 0)
        on conflict (zone_id) do update set next_check_at = excluded.next_check_at,
            last_success_at = excluded.last_success_at, refresh_seconds = excluded.refresh_seconds,
            retry_seconds = excluded.retry_seconds, expire_seconds = excluded.expire_seconds,
            attempts = 0
        """,
        zoneId,
        now.plusSeconds(timers.refresh()),
        now,
        timers.refresh(),
        timers.retry(),
        timers.expire());
  }

  /**
   * A pull failed: nothing was stored; the reason goes to {@code status_message}, the next try is
   * {@code retry} from now, and once {@code expire} has passed since a master last answered (since
   * the zone was created, for one never transferred) the zone is ERROR (RFC 1035 3.3.13). A zone
   * never transferred has nothing on the pool, so it becomes ERROR with action NONE: nothing is
   * re-driven to the pool's servers for it.
   *
   * @return true when this failure turned the zone ERROR
   */
  boolean failed(UUID zoneId, String reason, Duration retry, Duration expire) {
    Boolean expired =
        transactions.execute(status -> {
          LocalDateTime now = now();
          jdbc.update(
              """
              insert into secondary_zone_refresh (zone_id, next_check_at, attempts)
              values (?, ?, 1)
              on conflict (zone_id) do update set next_check_at = excluded.next_check_at,
                  attempts = secondary_zone_refresh.attempts + 1
              """,
              zoneId,
              now.plus(retry));
          jdbc.update(
              "update zones set status_message = ? where id = ? and action <> 'DELETE'",
              reason,
              zoneId);
          int turned =
              jdbc.update(
                  """
                  update zones z set status = 'ERROR', updated_at = ?,
                         action = case when z.transferred_at is null then 'NONE' else z.action end
                  from secondary_zone_refresh r
                  where z.id = ? and r.zone_id = z.id and z.status <> 'ERROR'
                    and z.action <> 'DELETE'
                    and coalesce(r.last_success_at, z.created_at) + make_interval(secs => ?) <= ?
                  """,
                  now,
                  zoneId,
                  (double) expire.toSeconds(),
                  now);
          return turned > 0;
        });
    return Boolean.TRUE.equals(expired);
  }

  /** A TSIG key as stored: its name, algorithm and base64 secret. */
  record StoredKey(String name, String algorithm, String secret) {}

  /**
   * The key the zone's SOA queries and transfers are signed with: the key of scope ZONE for it,
   * else the key of scope POOL for its pool.
   */
  Optional<StoredKey> key(UUID zoneId, UUID poolId) {
    return jdbc
        .query(
            """
            select name, algorithm, secret from tsigkeys
            where (scope = 'ZONE' and resource_id = ?) or (scope = 'POOL' and resource_id = ?)
            order by scope = 'ZONE' desc, name limit 1
            """,
            (rs, row) ->
                new StoredKey(
                    rs.getString("name"), rs.getString("algorithm"), rs.getString("secret")),
            zoneId,
            poolId)
        .stream()
        .findFirst();
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  private static SecondaryZoneRow row(ResultSet rs, int row) throws SQLException {
    return new SecondaryZoneRow(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getObject("pool_id", UUID.class),
        rs.getString("project_id"),
        rs.getLong("serial"),
        List.copyOf(new ArrayList<>(JSON.readValue(rs.getString("masters"), STRINGS))),
        rs.getObject("transferred_at", LocalDateTime.class),
        rs.getString("status"),
        rs.getString("action"),
        (Long) rs.getObject("refresh_seconds", Long.class),
        (Long) rs.getObject("retry_seconds", Long.class),
        (Long) rs.getObject("expire_seconds", Long.class));
  }
}
