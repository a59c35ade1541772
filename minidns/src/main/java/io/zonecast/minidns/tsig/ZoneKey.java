package io.zonecast.minidns.tsig;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The key a zone requires: its name and the means to sign with it; {@code tsig} is null for a key
 * stored in a form that cannot be used, which no request can match.
 */
public record ZoneKey(Name name, TSIG tsig, String storedName) {

  ZoneKey(Name name, TSIG tsig) {
    this(name, tsig, name.toString());
  }

  static ZoneKey unusable(String storedName) {
    return new ZoneKey(null, null, storedName);
  }

  public boolean usable() {
    return tsig != null;
  }
}
