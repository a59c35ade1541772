package io.zonecast.central.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's filter chain. In noauth mode it lets everything through untouched (no CSRF, no session,
 * no extra headers), so the headers decide as before. In token mode every request needs a valid
 * bearer JWT except health, metrics, the API description and the web console's static files.
 */
@Configuration
class SecurityConfig {

  static final String KEYSTONE_TOKEN_HEADER = "X-Auth-Token";

  private static final String[] OPEN_PATHS = {
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/prometheus",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    // the web console's static files: it holds no data, every call it makes needs the token
    "/console",
    "/console/",
    "/console/**"
  };

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      AuthProperties properties,
      ObjectProvider<JwtDecoder> decoder,
      JsonMapper json)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (properties.mode() == AuthMode.NOAUTH) {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
    if (decoder.getIfAvailable() == null) {
      throw new IllegalStateException(
          "zonecast.central.auth.mode=token needs the token keys: set"
              + " spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or"
              + " public-key-location");
    }
    ErrorResponses errors = new ErrorResponses(json);
    return http.authorizeHttpRequests(a ->
            a.dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(OPEN_PATHS)
                .permitAll()
                .anyRequest()
                .authenticated())
        .oauth2ResourceServer(o ->
            o.bearerTokenResolver(bearerOrKeystoneHeader())
                .authenticationEntryPoint(errors.unauthorized())
                .accessDeniedHandler(errors.forbidden())
                .jwt(j -> j.jwtAuthenticationConverter(new TokenClaims(properties))))
        .exceptionHandling(e ->
            e.authenticationEntryPoint(errors.unauthorized())
                .accessDeniedHandler(errors.forbidden()))
        .build();
  }

  /**
   * {@code Authorization: Bearer}, or the token alone in {@code X-Auth-Token} as the OpenStack
   * clients send it.
   */
  private static BearerTokenResolver bearerOrKeystoneHeader() {
    DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
    return request -> {
      String token = standard.resolve(request);
      if (token != null) {
        return token;
      }
      String keystone = request.getHeader(KEYSTONE_TOKEN_HEADER);
      return keystone == null || keystone.isBlank() ? null : keystone.trim();
    };
  }

  /**
   * Added by Spring Boot to the validators of the decoder it builds (expiry, audiences,
   * issuer-uri).
   */
  @Bean
  OAuth2TokenValidator<Jwt> configuredIssuer(AuthProperties properties) {
    if (properties.issuer().isBlank()) {
      return new DelegatingOAuth2TokenValidator<>();
    }
    return new JwtIssuerValidator(properties.issuer());
  }
}
