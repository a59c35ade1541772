package io.zonecast.central.security;

import io.zonecast.central.system.Identity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated bearer JWT and the project and roles read from its claims. */
class TokenAuthentication extends JwtAuthenticationToken {

  private final transient Identity identity;

  TokenAuthentication(Jwt jwt, Identity identity) {
    super(
        jwt,
        identity.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
        jwt.getSubject());
    this.identity = identity;
  }

  Identity identity() {
    return identity;
  }
}
