package io.zonecast.central.transfer;

import java.time.LocalDateTime;
import java.util.UUID;

/** A transfer request accepted: the zone now belongs to {@code projectId} (ZoneTransferAccept). */
record TransferAccept(
    UUID id,
    UUID requestId,
    UUID zoneId,
    String projectId,
    String key,
    String status,
    int version,
    LocalDateTime createdAt,
    LocalDateTime updatedAt) {}
