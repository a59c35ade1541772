package io.zonecast.central.security;

/** How central-service learns who is calling. */
public enum AuthMode {
  /**
   * Trust the X-Auth-Project-ID / X-Roles headers (Designate's noauth; tests, trusted networks).
   */
  NOAUTH,
  /** Require a bearer JWT and take the project and roles from its claims. */
  TOKEN
}
