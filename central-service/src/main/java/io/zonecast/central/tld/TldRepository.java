package io.zonecast.central.tld;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TldRepository extends JpaRepository<Tld, UUID> {

  List<Tld> findByNameIn(Collection<String> names);
}
