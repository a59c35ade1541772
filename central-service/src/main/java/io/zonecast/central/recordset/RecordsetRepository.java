package io.zonecast.central.recordset;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface RecordsetRepository extends JpaRepository<Recordset, UUID> {

  List<Recordset> findByZoneIdOrderByCreatedAtAscIdAsc(UUID zoneId);

  List<Recordset> findByZoneIdAndName(UUID zoneId, String name);

  boolean existsByZoneIdAndNameAndType(UUID zoneId, String name, String type);
}
