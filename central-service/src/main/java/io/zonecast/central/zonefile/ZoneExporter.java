package io.zonecast.central.zonefile;

import io.zonecast.central.quota.QuotaService;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneService;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Zone exports as Designate's default (synchronous) exporter does them: the task completes with a
 * {@code designate://} location, and the file is rendered from the zone as it is when fetched.
 */
@Component
class ZoneExporter {

  private final ZoneTasks tasks;
  private final ZoneService zones;
  private final QuotaService quotas;
  private final ZoneFileWriter writer;
  private final ZoneTaskWorkers workers;
  private final JdbcTemplate jdbc;

  ZoneExporter(
      ZoneTasks tasks,
      ZoneService zones,
      QuotaService quotas,
      ZoneFileWriter writer,
      ZoneTaskWorkers workers,
      JdbcTemplate jdbc) {
    this.tasks = tasks;
    this.zones = zones;
    this.quotas = quotas;
    this.writer = writer;
    this.workers = workers;
    this.jdbc = jdbc;
  }

  /**
   * 404 for a zone the caller cannot see; 413 when it has more recordsets than api_export_size. The
   * task is committed before the worker completes it.
   */
  ZoneTask start(Caller caller, UUID zoneId) {
    Zone zone = zones.get(caller, zoneId);
    long recordsets =
        jdbc.queryForObject(
            "select count(*) from recordsets where zone_id = ?", Long.class, zone.getId());
    quotas.enforceExport(zone.getProjectId(), recordsets);
    ZoneTask task = tasks.create(caller, ZoneTask.Type.EXPORT, zone.getId());
    workers.run(() ->
        tasks.finish(
            task.id(),
            ZoneTask.Status.COMPLETE,
            null,
            null,
            "designate://" + ZoneTaskJson.EXPORTS.substring(1) + "/" + task.id() + "/export"));
    return task;
  }

  /** The export's zone file; 400 while the export is not COMPLETE, 404 once its zone is gone. */
  @Transactional(readOnly = true)
  String file(Caller caller, UUID exportId) {
    ZoneTask task = tasks.get(caller, ZoneTask.Type.EXPORT, exportId);
    if (task.status() != ZoneTask.Status.COMPLETE) {
      throw ApiException.badRequest(
          "bad_request", "Zone export " + exportId + " is " + task.status() + ", not COMPLETE");
    }
    return writer.write(zones.get(caller, task.zoneId()));
  }
}
