package io.zonecast.central.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.Identity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class TokenClaimsTest {

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user");
    claims.forEach(builder::claim);
    return builder.build();
  }

  private static Identity identity(AuthProperties properties, Map<String, Object> claims) {
    return ((TokenAuthentication) new TokenClaims(properties).convert(jwt(claims))).identity();
  }

  private static final AuthProperties DEFAULTS =
      new AuthProperties(AuthMode.TOKEN, "project_id", "roles", "");

  @Test
  void projectAndRolesListAreReadAndRolesLowerCased() {
    Identity identity =
        identity(DEFAULTS, Map.of("project_id", "p1", "roles", List.of("Admin", " member ")));

    assertThat(identity.projectId()).isEqualTo("p1");
    assertThat(identity.roles()).isEqualTo(Set.of("admin", "member"));
  }

  @Test
  void rolesMayBeACommaSeparatedStringOrMissing() {
    assertThat(identity(DEFAULTS, Map.of("project_id", "p1", "roles", "reader, member")).roles())
        .isEqualTo(Set.of("reader", "member"));
    assertThat(identity(DEFAULTS, Map.of("project_id", "p1")).roles()).isEmpty();
  }

  @Test
  void dottedClaimNamesReachIntoObjects() {
    AuthProperties keycloak =
        new AuthProperties(AuthMode.TOKEN, "tenant.id", "realm_access.roles", "");
    Identity identity =
        identity(
            keycloak,
            Map.of(
                "tenant", Map.of("id", "p2"), "realm_access", Map.of("roles", List.of("admin"))));

    assertThat(identity.projectId()).isEqualTo("p2");
    assertThat(identity.roles()).containsExactly("admin");
  }

  @Test
  void missingOrMalformedProjectIsAnInvalidToken() {
    assertThatThrownBy(() -> identity(DEFAULTS, Map.of("roles", "admin")))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("project_id");
    assertThatThrownBy(() -> identity(DEFAULTS, Map.of("project_id", "a b/c")))
        .isInstanceOf(InvalidBearerTokenException.class);
    assertThatThrownBy(() -> identity(DEFAULTS, Map.of("project_id", 42)))
        .isInstanceOf(InvalidBearerTokenException.class);
  }

  @Test
  void rolesOfAnotherShapeAreAnInvalidToken() {
    assertThatThrownBy(() -> identity(DEFAULTS, Map.of("project_id", "p1", "roles", 7)))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("roles");
  }
}
