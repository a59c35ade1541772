package io.zonecast.central.recordset;

import io.zonecast.central.zone.ApexRecordsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The SOA and apex NS recordsets every zone gets; only zonecast itself changes them. */
@Component
public class ManagedRecordsets implements ApexRecordsets {

  private final RecordsetRepository recordsets;
  private final RecordsetRows rows;
  private final Clock clock;

  ManagedRecordsets(RecordsetRepository recordsets, RecordsetRows rows, Clock clock) {
    this.recordsets = recordsets;
    this.rows = rows;
    this.clock = clock;
  }

  /** Both recordsets and their records in one statement ({@link RecordsetRows}). */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void create(
      UUID zoneId,
      String projectId,
      String zoneName,
      long serial,
      String soaData,
      List<String> nameservers) {
    LocalDateTime now = LocalDateTime.now(clock);
    rows.insert(
        List.of(
            new Recordset(
                zoneId,
                projectId,
                zoneName,
                "SOA",
                null,
                null,
                true,
                serial,
                List.of(soaData),
                now),
            new Recordset(
                zoneId, projectId, zoneName, "NS", null, null, true, serial, nameservers, now)));
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Nameservers nameservers(UUID zoneId, String zoneName) {
    Recordset ns = apexNs(zoneId, zoneName);
    return new Nameservers(ns.data(), ns.getTtl());
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void replaceNameservers(UUID zoneId, String zoneName, List<String> records, long serial) {
    Recordset ns = apexNs(zoneId, zoneName);
    ns.replace(records, ns.getTtl(), ns.getDescription(), serial, LocalDateTime.now(clock));
    recordsets.save(ns);
  }

  private Recordset apexNs(UUID zoneId, String zoneName) {
    return recordsets.findByZoneIdAndName(zoneId, zoneName).stream()
        .filter(r -> r.isManaged() && r.getType().equals("NS"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("zone " + zoneName + " has no apex NS"));
  }
}
