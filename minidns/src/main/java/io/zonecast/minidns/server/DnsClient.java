package io.zonecast.minidns.server;

import io.zonecast.model.messaging.Destination;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * The outgoing side of the transport: sends one DNS message over UDP and completes with the answer,
 * without holding a thread while waiting (dnsjava's NIO client, one selector thread for all).
 *
 * <p>dnsjava only accepts a matching answer: the socket is connected to the destination, so only
 * its datagrams arrive, and the answer must carry the query's id and question (name, class, type;
 * RFC 5452 section 9.1). Anything else completes the future exceptionally, as a timeout does; the
 * callers then count it as "no answer". A truncated answer is asked again over TCP.
 */
@Component
public class DnsClient {

  public CompletableFuture<Message> send(Destination destination, Message query, Duration timeout) {
    return send(destination, query, timeout, null);
  }

  /** As {@link #send(Destination, Message, Duration)}, signed with {@code key} unless null. */
  public CompletableFuture<Message> send(
      Destination destination, Message query, Duration timeout, TSIG key) {
    try {
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(destination.host(), destination.port()));
      resolver.setTimeout(timeout);
      if (key != null) {
        resolver.setTSIGKey(key);
      }
      return resolver.sendAsync(query).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
