package io.zonecast.minidns.protocol;

import java.io.IOException;

/** Where a handler's answers go: one datagram for UDP, length-prefixed messages on TCP. */
public interface ResponseSink {

  void send(byte[] wire) throws IOException;
}
