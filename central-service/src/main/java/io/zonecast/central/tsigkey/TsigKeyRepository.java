package io.zonecast.central.tsigkey;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TsigKeyRepository extends JpaRepository<TsigKey, UUID> {}
