package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Supplies a {@link Caller} to controller methods, as Designate's NoAuthContextMiddleware and
 * ContextMiddleware build the context: the project and roles from the noauth headers, or from the
 * token when an {@link IdentitySource} is configured (token mode), then the admin-only all-projects
 * and sudo headers.
 */
@Configuration
class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

  static final String PROJECT_HEADER = "X-Auth-Project-ID";
  static final String ROLES_HEADER = "X-Roles";
  static final String ALL_PROJECTS_HEADER = "X-Auth-All-Projects";
  static final String SUDO_HEADER = "X-Auth-Sudo-Project-ID";
  static final String LEGACY_SUDO_HEADER = "X-Auth-Sudo-Tenant-ID";

  /** Query parameters Designate's middleware takes as the all-projects flag. */
  public static final Set<String> ALL_PROJECTS_PARAMETERS = Set.of("all_projects", "all_tenants");

  static final String DEFAULT_PROJECT = "noauth-project";
  // oslo.utils strutils.bool_from_string
  private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");

  private final Set<String> defaultRoles;
  private final IdentitySource identities;

  CallerResolver(CentralProperties properties, ObjectProvider<IdentitySource> tokenIdentities) {
    this.defaultRoles = Identity.normalizeRoles(properties.noauthDefaultRoles());
    this.identities = tokenIdentities.getIfAvailable(() -> this::fromHeaders);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Identity identity = identities.identify(request);
    String project = identity.projectId();
    Set<String> roles = identity.roles();
    boolean admin = roles.contains(Caller.ADMIN);

    String sudo = request.getHeader(SUDO_HEADER);
    String sudoHeader = SUDO_HEADER;
    if (sudo == null || sudo.isBlank()) {
      sudo = request.getHeader(LEGACY_SUDO_HEADER);
      sudoHeader = LEGACY_SUDO_HEADER;
    }
    if (sudo != null && !sudo.isBlank()) {
      if (!admin) {
        throw ApiException.forbidden(sudoHeader + " is only allowed for the admin role");
      }
      project = project(sudo, sudoHeader);
    }

    boolean allProjects = flag(request.getHeader(ALL_PROJECTS_HEADER));
    for (String name : ALL_PROJECTS_PARAMETERS) {
      if (request.getParameter(name) != null) {
        allProjects = flag(request.getParameter(name));
      }
    }
    if (allProjects && !admin) {
      throw ApiException.forbidden("Listing all projects is only allowed for the admin role");
    }
    return new Caller(project, RequestIds.current(request), roles, allProjects);
  }

  private Identity fromHeaders(HttpServletRequest request) {
    String rolesHeader = request.getHeader(ROLES_HEADER);
    return Identity.of(
        project(request.getHeader(PROJECT_HEADER), PROJECT_HEADER),
        rolesHeader == null ? defaultRoles : Arrays.asList(rolesHeader.split(",")));
  }

  private static String project(String value, String header) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PROJECT;
    }
    if (!Identity.PROJECT_ID.matcher(value.trim()).matches()) {
      throw ApiException.badRequest(
          "bad_request", header + " must be 1 to 255 letters, digits or -_.:@");
    }
    return value.trim();
  }

  private static boolean flag(String value) {
    return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
  }
}
