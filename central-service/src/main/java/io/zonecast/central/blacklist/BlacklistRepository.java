package io.zonecast.central.blacklist;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface BlacklistRepository extends JpaRepository<Blacklist, UUID> {}
