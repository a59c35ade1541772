package io.zonecast.central.zone;

import io.zonecast.central.system.CentralProperties;

/** The rdata of a zone's managed SOA record (RFC 1035 section 3.3.13), as Designate builds it. */
final class SoaData {

  private SoaData() {}

  static String of(String primaryNameserver, String email, long serial, CentralProperties.Soa soa) {
    return String.join(
        " ",
        primaryNameserver,
        rname(email),
        Long.toString(serial),
        Integer.toString(soa.refresh()),
        Integer.toString(soa.retry()),
        Integer.toString(soa.expire()),
        Integer.toString(soa.minimum()));
  }

  /** hostmaster@example.org becomes hostmaster.example.org.; dots in the local part are escaped. */
  static String rname(String email) {
    int at = email.indexOf('@');
    String local = email.substring(0, at).replace(".", "\\.");
    String domain = email.substring(at + 1);
    return local + "." + (domain.endsWith(".") ? domain : domain + ".");
  }
}
