package io.zonecast.central.security;

import io.zonecast.central.system.Identity;
import io.zonecast.central.system.IdentitySource;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** In token mode the caller's project and roles are the token's; their headers are ignored. */
@Component
@ConditionalOnProperty(name = "zonecast.central.auth.mode", havingValue = "token")
class TokenIdentitySource implements IdentitySource {

  @Override
  public Identity identify(HttpServletRequest request) {
    if (SecurityContextHolder.getContext().getAuthentication()
        instanceof TokenAuthentication token) {
      return token.identity();
    }
    // the filter chain lets no request without a token reach a controller
    throw new IllegalStateException("token mode but the request carries no validated token");
  }
}
