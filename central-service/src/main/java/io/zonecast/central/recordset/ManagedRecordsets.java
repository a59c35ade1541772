package io.zonecast.central.recordset;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The SOA and apex NS recordsets every zone gets; only zonecast itself changes them. */
@Component
public class ManagedRecordsets {

  private final RecordsetRepository recordsets;
  private final Clock clock;

  ManagedRecordsets(RecordsetRepository recordsets, Clock clock) {
    this.recordsets = recordsets;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void create(
      UUID zoneId,
      String projectId,
      String zoneName,
      long serial,
      String soaData,
      List<String> nameservers) {
    LocalDateTime now = LocalDateTime.now(clock);
    recordsets.save(
        new Recordset(
            zoneId, projectId, zoneName, "SOA", null, null, true, serial, List.of(soaData), now));
    recordsets.save(
        new Recordset(
            zoneId, projectId, zoneName, "NS", null, null, true, serial, nameservers, now));
  }
}
