package io.zonecast.central.transfer;

import io.zonecast.central.system.Caller;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * An offer of a zone to another project (Designate's ZoneTransferRequest). Without a target project
 * anyone who has its id and key may accept it.
 */
record TransferRequest(
    UUID id,
    UUID zoneId,
    String zoneName,
    String projectId,
    String targetProjectId,
    String key,
    String description,
    String status,
    int version,
    LocalDateTime createdAt,
    LocalDateTime updatedAt) {

  static final String ACTIVE = "ACTIVE";
  static final String COMPLETE = "COMPLETE";

  boolean isOwnedBy(Caller caller) {
    return caller.projectId().equals(projectId);
  }

  boolean isAddressedTo(Caller caller) {
    return caller.projectId().equals(targetProjectId);
  }

  /**
   * Who may read it: its project, its target, anyone for a request without target (Designate's
   * {@code get_zone_transfer_request} rule {@code None:%(target_project_id)s}), every project with
   * all-projects.
   */
  boolean isVisibleTo(Caller caller) {
    return caller.allProjects()
        || isOwnedBy(caller)
        || isAddressedTo(caller)
        || targetProjectId == null;
  }

  /** The key and the projects are shown to the owner and the target only. */
  boolean isDetailedFor(Caller caller) {
    return caller.allProjects() || isOwnedBy(caller) || isAddressedTo(caller);
  }
}
