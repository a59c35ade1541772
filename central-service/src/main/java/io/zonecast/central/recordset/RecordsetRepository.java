package io.zonecast.central.recordset;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RecordsetRepository extends JpaRepository<Recordset, UUID> {

  /** The recordsets with their records, in one query. */
  @Query("select distinct r from Recordset r left join fetch r.records where r.id in :ids")
  List<Recordset> findWithRecords(@Param("ids") Collection<UUID> ids);

  List<Recordset> findByZoneIdAndName(UUID zoneId, String name);

  boolean existsByZoneIdAndNameAndType(UUID zoneId, String name, String type);
}
