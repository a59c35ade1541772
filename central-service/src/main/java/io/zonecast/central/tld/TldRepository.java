package io.zonecast.central.tld;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TldRepository extends JpaRepository<Tld, UUID> {}
