package io.zonecast.central.system;

import io.zonecast.model.messaging.RequestContext;
import java.util.Set;

/**
 * Who is calling, as Designate's noauth mode reads it from the headers: the project the request
 * acts for ({@code X-Auth-Project-ID}, or {@code X-Auth-Sudo-Project-ID} for an admin), the roles
 * ({@code X-Roles}), and whether an admin asked to see every project ({@code X-Auth-All-Projects}).
 */
public record Caller(String projectId, String requestId, Set<String> roles, boolean allProjects) {

  public static final String ADMIN = "admin";

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains(ADMIN);
  }

  /** A resource of {@code ownerProject} is visible: the caller's own, or any with all-projects. */
  public boolean canSee(String ownerProject) {
    return allProjects || projectId.equals(ownerProject);
  }

  /** 403 forbidden unless the caller has the admin role, as Designate's admin-only policies. */
  public void requireAdmin(String action) {
    if (!isAdmin()) {
      throw ApiException.forbidden("Only the admin role may " + action);
    }
  }

  public RequestContext context() {
    return new RequestContext(requestId, projectId);
  }
}
