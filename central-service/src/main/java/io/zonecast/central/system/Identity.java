package io.zonecast.central.system;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project a request acts for and the roles it holds, before the admin-only overrides
 * (all-projects, sudo) are applied. Roles are kept trimmed and lower-case, as Designate compares
 * them.
 */
public record Identity(String projectId, Set<String> roles) {

  /** What a project id may look like, in a header or in a token claim. */
  public static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,255}");

  public Identity {
    roles = normalizeRoles(roles);
  }

  public static Identity of(String projectId, Collection<String> roles) {
    return new Identity(projectId, normalizeRoles(roles));
  }

  static Set<String> normalizeRoles(Collection<String> roles) {
    return roles.stream()
        .map(r -> r.trim().toLowerCase(Locale.ROOT))
        .filter(r -> !r.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
