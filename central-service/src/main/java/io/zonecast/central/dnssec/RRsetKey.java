package io.zonecast.central.dnssec;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** One RRset's owner and type; owner in canonical (lower-case) form. */
record RRsetKey(Name name, int type) {

  RRsetKey {
    name = name.canonicalize();
  }

  @Override
  public String toString() {
    return name + "/" + Type.string(type);
  }
}
