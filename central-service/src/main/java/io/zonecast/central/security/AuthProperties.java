package io.zonecast.central.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API callers are authenticated. The token's signature, expiry and audience are checked with
 * Spring's {@code spring.security.oauth2.resourceserver.jwt.*} settings.
 *
 * @param mode {@code noauth} (headers are trusted) or {@code token} (bearer JWT required)
 * @param projectClaim the claim holding the project id; a dotted name reaches into nested objects
 * @param rolesClaim the claim holding the roles, a list or a comma-separated string; may be dotted
 *     (e.g. {@code realm_access.roles})
 * @param issuer the {@code iss} every token must carry, when the keys come from {@code
 *     public-key-location} or {@code jwk-set-uri} (with {@code issuer-uri} Spring checks it
 *     already); empty: not checked
 */
@ConfigurationProperties("zonecast.central.auth")
public record AuthProperties(
    @DefaultValue("noauth") AuthMode mode,
    @DefaultValue("project_id") String projectClaim,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("") String issuer) {}
