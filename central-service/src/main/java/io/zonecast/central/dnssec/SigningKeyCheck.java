package io.zonecast.central.dnssec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Says loudly at start when signed zones exist but this instance has no key-encryption key: every
 * change to those zones is then refused (it cannot be signed) until the key is configured.
 */
@Component
class SigningKeyCheck {

  private static final Logger log = LoggerFactory.getLogger(SigningKeyCheck.class);

  private final JdbcTemplate jdbc;
  private final KeyEncryption encryption;

  SigningKeyCheck(JdbcTemplate jdbc, KeyEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  @EventListener(ApplicationReadyEvent.class)
  void check() {
    if (encryption.available()) {
      return;
    }
    Long signed = jdbc.queryForObject("select count(*) from zone_dnssec", Long.class);
    if (signed != null && signed > 0) {
      log.error(
          "{} zones are DNSSEC-signed but zonecast.dnssec.key-encryption-key is not set on this"
              + " instance: changes to them are refused until it is",
          signed);
    }
  }
}
