package io.zonecast.central.share;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One share of a zone (Designate's SharedZone).
 *
 * @param projectId the project that created the share
 * @param targetProjectId the project the zone is shared with
 */
record ZoneShare(
    UUID id,
    UUID zoneId,
    String projectId,
    String targetProjectId,
    LocalDateTime createdAt,
    LocalDateTime updatedAt) {}
