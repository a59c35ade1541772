package io.zonecast.minidns.protocol;

import java.io.IOException;

/** Where a handler's answers go: one datagram for UDP, length-prefixed messages on TCP. */
public interface ResponseSink {

  void send(byte[] wire) throws IOException;

  /**
   * Runs {@code action} once the client has taken what was sent. Over TCP that is when it closes
   * the connection or sends its next request: a secondary closes its transfer's connection only
   * after it stored the zone. A sink that cannot tell runs the action at once.
   */
  default void afterDelivery(Runnable action) {
    action.run();
  }
}
