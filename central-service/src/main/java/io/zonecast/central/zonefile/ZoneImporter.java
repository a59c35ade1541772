package io.zonecast.central.zonefile;

import io.zonecast.central.pool.TargetRecordLimits;
import io.zonecast.central.quota.QuotaService;
import io.zonecast.central.recordset.RecordsetBulkWriter;
import io.zonecast.central.scheduler.PoolScheduler;
import io.zonecast.central.scheduler.ZoneAttributes;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneService;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a zone import: the file is read whole first, so a bad line fails it before anything is
 * written; then the zone, its managed SOA and NS and all its recordsets are written in one
 * transaction, and its CREATE reaches the pool manager when that commits. Either the whole zone is
 * stored or nothing is; the task says which, and how far a large import got meanwhile.
 *
 * <p>The zone's creation is one change with no change-journal step: no secondary can hold an
 * earlier version of it from zonecast, and a secondary holding the old provider's copy at the
 * imported serial must transfer the whole zone (the new serial is newer, the journal has no step
 * from it), never a difference.
 */
@Component
class ZoneImporter {

  private static final Logger log = LoggerFactory.getLogger(ZoneImporter.class);

  private final ZoneTasks tasks;
  private final ZoneService zones;
  private final RecordsetBulkWriter recordsets;
  private final QuotaService quotas;
  private final TransactionTemplate transaction;
  private final ZoneTaskWorkers workers;
  private final PoolScheduler scheduler;
  private final TargetRecordLimits targetLimits;

  ZoneImporter(
      ZoneTasks tasks,
      ZoneService zones,
      RecordsetBulkWriter recordsets,
      QuotaService quotas,
      PlatformTransactionManager transactions,
      ZoneTaskWorkers workers,
      PoolScheduler scheduler,
      TargetRecordLimits targetLimits) {
    this.tasks = tasks;
    this.zones = zones;
    this.recordsets = recordsets;
    this.quotas = quotas;
    this.transaction = new TransactionTemplate(transactions);
    this.workers = workers;
    this.scheduler = scheduler;
    this.targetLimits = targetLimits;
  }

  /**
   * The import task, PENDING; the import runs after this returns. Attributes that place the zone in
   * no pool (or that the caller may not give) fail the request at once, as in Designate; the zone's
   * pool is chosen again when it is created.
   */
  ZoneTask start(Caller caller, String zoneFile, ZoneAttributes attributes) {
    if (!attributes.isEmpty()) {
      scheduler.schedule(caller, attributes);
    }
    ZoneTask task = tasks.create(caller, ZoneTask.Type.IMPORT, null);
    workers.run(() -> run(caller, task.id(), zoneFile, attributes));
    return task;
  }

  private void run(Caller caller, UUID taskId, String zoneFile, ZoneAttributes attributes) {
    try {
      long start = System.nanoTime();
      ParsedZone parsed = ZoneFileParser.parse(zoneFile);
      long total = parsed.recordCount();
      tasks.progress(taskId, "imported 0 of " + count(total) + " records");
      long parsedAt = System.nanoTime();
      Zone zone = transaction.execute(status -> store(caller, taskId, parsed, total, attributes));
      log.info(
          "zone import {}: {} records of {} read in {} ms, stored in {} ms",
          taskId,
          total,
          parsed.name(),
          (parsedAt - start) / 1_000_000,
          (System.nanoTime() - parsedAt) / 1_000_000);
      tasks.finish(
          taskId, ZoneTask.Status.COMPLETE, zone.getName() + " imported", zone.getId(), null);
    } catch (ZoneFileException | ApiException e) {
      tasks.finish(taskId, ZoneTask.Status.ERROR, e.getMessage(), null, null);
    } catch (RuntimeException e) {
      log.error("zone import {} failed", taskId, e);
      tasks.finish(
          taskId,
          ZoneTask.Status.ERROR,
          "An undefined error occurred; nothing was imported: " + e.getMessage(),
          null,
          null);
    }
  }

  private Zone store(
      Caller caller, UUID taskId, ParsedZone parsed, long total, ZoneAttributes attributes) {
    Zone zone =
        zones.createImported(
            caller, parsed.name(), parsed.email(), parsed.ttl(), parsed.serial(), attributes);
    quotas.enforceImport(
        caller.projectId(), parsed.recordsets().size(), total, parsed.largestRecordset());
    parsed
        .recordsets()
        .forEach(r -> targetLimits.enforce(zone.getPoolId(), r.name(), r.type(), r.data().size()));
    recordsets.insert(
        zone.getId(),
        zone.getProjectId(),
        zone.getSerial(),
        parsed.recordsets().stream()
            .map(r -> new RecordsetBulkWriter.NewRecords(r.name(), r.type(), r.ttl(), r.data()))
            .toList(),
        written ->
            tasks.progress(
                taskId, "imported " + count(written) + " of " + count(total) + " records"));
    zones.publishImported(caller, zone);
    return zone;
  }

  private static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
  }
}
