package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Supplies a {@link Caller} to controller methods from the noauth headers, as Designate's
 * NoAuthContextMiddleware and ContextMiddleware read them.
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
  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,255}");
  // oslo.utils strutils.bool_from_string
  private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");

  private final Set<String> defaultRoles;

  CallerResolver(CentralProperties properties) {
    this.defaultRoles = normalizeRoles(properties.noauthDefaultRoles());
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
    String project = project(request.getHeader(PROJECT_HEADER), PROJECT_HEADER);
    String rolesHeader = request.getHeader(ROLES_HEADER);
    Set<String> roles =
        rolesHeader == null ? defaultRoles : normalizeRoles(Arrays.asList(rolesHeader.split(",")));
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

  private static String project(String value, String header) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PROJECT;
    }
    if (!PROJECT_ID.matcher(value.trim()).matches()) {
      throw ApiException.badRequest(
          "bad_request", header + " must be 1 to 255 letters, digits or -_.:@");
    }
    return value.trim();
  }

  private static boolean flag(String value) {
    return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
  }

  private static Set<String> normalizeRoles(List<String> roles) {
    return roles.stream()
        .map(r -> r.trim().toLowerCase(Locale.ROOT))
        .filter(r -> !r.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
