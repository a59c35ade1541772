package io.zonecast.central.security;

import io.zonecast.central.system.Identity;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the project and roles from a validated JWT. A token without a usable project claim is
 * refused (401) like a bad token: it cannot say whose zones the request may touch.
 */
class TokenClaims implements Converter<Jwt, AbstractAuthenticationToken> {

  private final String projectClaim;
  private final String rolesClaim;

  TokenClaims(AuthProperties properties) {
    this.projectClaim = properties.projectClaim();
    this.rolesClaim = properties.rolesClaim();
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    return new TokenAuthentication(jwt, Identity.of(project(jwt), roles(jwt)));
  }

  private String project(Jwt jwt) {
    Object value = claim(jwt.getClaims(), projectClaim);
    if (!(value instanceof String project) || !Identity.PROJECT_ID.matcher(project).matches()) {
      throw new InvalidBearerTokenException(
          "The token's "
              + projectClaim
              + " claim must be a project id (1 to 255 letters, digits or -_.:@)");
    }
    return project;
  }

  private List<String> roles(Jwt jwt) {
    return switch (claim(jwt.getClaims(), rolesClaim)) {
      case null -> List.of();
      case String text -> Arrays.asList(text.split(","));
      case Collection<?> list -> list.stream().map(String::valueOf).toList();
      default ->
          throw new InvalidBearerTokenException(
              "The token's " + rolesClaim + " claim must be a list or a comma-separated string");
    };
  }

  /** The claim by its name, or else by its dotted path into nested objects. */
  private static Object claim(Map<String, Object> claims, String name) {
    if (claims.containsKey(name)) {
      return claims.get(name);
    }
    Object value = claims;
    for (String part : name.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(part);
    }
    return value;
  }
}
