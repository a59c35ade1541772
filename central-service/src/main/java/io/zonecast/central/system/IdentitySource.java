package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the project and roles of a request come from when not from the noauth headers (token mode).
 * Without such a bean, {@link CallerResolver} reads {@code X-Auth-Project-ID} and {@code X-Roles}.
 */
public interface IdentitySource {

  Identity identify(HttpServletRequest request);
}
