package io.zonecast.central.quota;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.CentralProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-project quotas as Designate keeps them: the configured defaults, overridden by the rows a
 * project has in {@code quotas}; a negative limit is unlimited. A change over a limit is refused
 * with 413 over_quota.
 */
@Service
public class QuotaService {

  private final JdbcTemplate jdbc;
  private final CentralProperties.Quotas defaults;

  QuotaService(JdbcTemplate jdbc, CentralProperties properties) {
    this.jdbc = jdbc;
    this.defaults = properties.quotas();
  }

  /** Admins read any project's quotas, others only their own (Designate's get_quotas policy). */
  @Transactional(readOnly = true)
  Map<QuotaResource, Long> get(Caller caller, String projectId) {
    if (!caller.isAdmin() && !caller.projectId().equals(projectId)) {
      throw ApiException.forbidden("Only the admin role may read another project's quotas");
    }
    return limits(projectId);
  }

  /** Admin only; as in Designate, another project's quotas also need the all-projects flag. */
  @Transactional
  Map<QuotaResource, Long> set(Caller caller, String projectId, Map<QuotaResource, Long> limits) {
    caller.requireAdmin("set quotas");
    if (!caller.projectId().equals(projectId) && !caller.allProjects()) {
      throw ApiException.forbidden(
          "Setting another project's quotas needs X-Auth-All-Projects: True");
    }
    limits.forEach((resource, limit) ->
        jdbc.update(
            """
            insert into quotas (project_id, resource, hard_limit, created_at)
            values (?, ?, ?, now() at time zone 'utc')
            on conflict (project_id, resource)
            do update set hard_limit = excluded.hard_limit, updated_at = now() at time zone 'utc'
            """,
            projectId,
            resource.apiName,
            limit));
    return limits(projectId);
  }

  /** Back to the defaults (admin only). */
  @Transactional
  void reset(Caller caller, String projectId) {
    caller.requireAdmin("reset quotas");
    jdbc.update("delete from quotas where project_id = ?", projectId);
  }

  Map<QuotaResource, Long> limits(String projectId) {
    Map<QuotaResource, Long> limits = new EnumMap<>(QuotaResource.class);
    for (QuotaResource resource : QuotaResource.values()) {
      limits.put(resource, resource.defaultLimit(defaults));
    }
    jdbc.query(
        "select resource, hard_limit from quotas where project_id = ?",
        row -> {
          String resource = row.getString(1);
          long limit = row.getLong(2);
          QuotaResource.byApiName(resource).ifPresent(r -> limits.put(r, limit));
        },
        projectId);
    return limits;
  }

  /**
   * One more zone for the project. Concurrent creates of one project are serialised by an advisory
   * lock held to the end of the transaction, so two of them cannot both take the last one. An
   * unlimited project takes no lock and counts nothing: its creates run side by side.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enforceZones(String projectId) {
    Map<QuotaResource, Long> limits = limits(projectId);
    long limit = limits.get(QuotaResource.ZONES);
    if (limit < 0) {
      return;
    }
    jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", "zone-quota:" + projectId);
    long zones = countUpTo("select 1 from zones where project_id = ?", limit + 1, projectId);
    check(limits, Map.of(QuotaResource.ZONES, zones + 1));
  }

  /**
   * The project's zones, the one this transaction has just added included, fit its limit. Called
   * last in a zone's creation: the advisory lock is then held for the count and the commit only, so
   * creates of one project run side by side up to here, and two of them cannot both take the last
   * zone (each count, after the lock, sees every create that held it before). An unlimited project
   * takes no lock and counts nothing.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enforceZonesCreated(String projectId) {
    Map<QuotaResource, Long> limits = limits(projectId);
    long limit = limits.get(QuotaResource.ZONES);
    if (limit < 0) {
      return;
    }
    jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", "zone-quota:" + projectId);
    long zones = countUpTo("select 1 from zones where project_id = ?", limit + 1, projectId);
    check(limits, Map.of(QuotaResource.ZONES, zones));
  }

  /**
   * A recordset of a locked zone gets {@code records} records: a new one ({@code replacing} null)
   * or the new content of {@code replacing}. Managed records do not count. As in Designate the
   * limits are checked one at a time: recordsets of the zone, records of the zone, records of the
   * recordset. The zone's counts are kept in its row (V76), so a change to a big zone reads them
   * instead of counting it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enforceRecordset(UUID zoneId, String projectId, UUID replacing, int records) {
    Map<QuotaResource, Long> limits = limits(projectId);
    long recordsetLimit = limits.get(QuotaResource.ZONE_RECORDSETS);
    long recordLimit = limits.get(QuotaResource.ZONE_RECORDS);
    if ((replacing == null && recordsetLimit >= 0) || recordLimit >= 0) {
      ZoneCounts zone = zoneCounts(zoneId, replacing);
      if (replacing == null && recordsetLimit >= 0) {
        check(limits, Map.of(QuotaResource.ZONE_RECORDSETS, zone.recordsets() + 1));
      }
      if (recordLimit >= 0) {
        check(limits, Map.of(QuotaResource.ZONE_RECORDS, zone.records() + records));
      }
    }
    check(limits, Map.of(QuotaResource.RECORDSET_RECORDS, (long) records));
  }

  /**
   * @param records the zone's records but the managed ones and those of {@code replacing}
   */
  private record ZoneCounts(long recordsets, long records) {}

  /**
   * Each record count goes through {@code records (recordset_id)}, whatever the statistics say:
   * with a join PostgreSQL read the whole records table when they were stale (31 ms after a bulk
   * load).
   */
  private ZoneCounts zoneCounts(UUID zoneId, UUID replacing) {
    return jdbc.queryForObject(
        """
        select z.recordset_count,
               z.record_count
                 - coalesce((select sum((select count(*) from records d where d.recordset_id = r.id))
                             from recordsets r where r.zone_id = z.id and r.managed), 0)
                 - (select count(*) from records d join recordsets r on r.id = d.recordset_id
                    where d.recordset_id = ? and r.zone_id = z.id and not r.managed)
        from zones z where z.id = ?
        """,
        (rs, row) -> new ZoneCounts(rs.getLong(1), rs.getLong(2)),
        replacing,
        zoneId);
  }

  /** The rows of {@code rowsQuery}, counted up to {@code atMost}. */
  private long countUpTo(String rowsQuery, long atMost, Object... arguments) {
    Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
    all[arguments.length] = atMost;
    return jdbc.queryForObject(
        "select count(*) from (" + rowsQuery + " limit ?) counted", Long.class, all);
  }

  /**
   * A new zone gets {@code recordsets} recordsets (besides its managed SOA and NS, which count
   * against zone_recordsets) holding {@code records} records, the largest {@code largest}.
   */
  public void enforceImport(String projectId, long recordsets, long records, long largest) {
    Map<QuotaResource, Long> limits = limits(projectId);
    check(limits, Map.of(QuotaResource.ZONE_RECORDSETS, recordsets + 2));
    check(limits, Map.of(QuotaResource.ZONE_RECORDS, records));
    check(limits, Map.of(QuotaResource.RECORDSET_RECORDS, largest));
  }

  /** A zone export holds {@code recordsets} recordsets (api_export_size). */
  public void enforceExport(String projectId, long recordsets) {
    check(limits(projectId), Map.of(QuotaResource.API_EXPORT_SIZE, recordsets));
  }

  private static void check(Map<QuotaResource, Long> limits, Map<QuotaResource, Long> usage) {
    List<String> exceeded = new ArrayList<>();
    usage.forEach((resource, value) -> {
      long limit = limits.get(resource);
      if (limit >= 0 && value > limit) {
        exceeded.add(resource.apiName);
      }
    });
    if (!exceeded.isEmpty()) {
      exceeded.sort(Comparator.comparingInt(String::length));
      throw ApiException.overQuota("Quota exceeded for " + String.join(", ", exceeded) + ".");
    }
  }
}
