package io.zonecast.runtime.resolve;

import java.net.UnknownHostException;

/** A host name that has no address right now; the message names the host and why. */
public final class HostNotResolvedException extends UnknownHostException {

  HostNotResolvedException(String host, String reason) {
    super("host '" + host + "' does not resolve: " + reason);
  }
}
