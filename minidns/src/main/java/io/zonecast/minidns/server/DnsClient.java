package io.zonecast.minidns.server;

import io.zonecast.model.messaging.Destination;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * The outgoing side of the transport: sends one DNS message over UDP and completes with the answer,
 * without holding a thread while waiting (dnsjava's NIO client, one selector thread for all).
 *
 * <p>A destination given by name is resolved at each send (hosts file, then DNS within its TTL),
 * and its addresses are tried in turn until one answers, so a secondary that moved is reached at
 * its new address and a name with several addresses keeps working while the first does not answer.
 *
 * <p>dnsjava only accepts a matching answer: the socket is connected to the destination, so only
 * its datagrams arrive, and the answer must carry the query's id and question (name, class, type;
 * RFC 5452 section 9.1). Anything else completes the future exceptionally, as a timeout does; the
 * callers then count it as "no answer". A truncated answer is asked again over TCP.
 */
@Component
public class DnsClient {

  private final HostResolver resolver;

  /** A client resolving names with /etc/hosts and the system's resolver. */
  public DnsClient() {
    this(HostResolver.systemDefault());
  }

  @Autowired
  public DnsClient(HostResolver resolver) {
    this.resolver = resolver;
  }

  public CompletableFuture<Message> send(Destination destination, Message query, Duration timeout) {
    return send(destination, query, timeout, null);
  }

  /** As {@link #send(Destination, Message, Duration)}, signed with {@code key} unless null. */
  public CompletableFuture<Message> send(
      Destination destination, Message query, Duration timeout, TSIG key) {
    List<InetSocketAddress> addresses;
    try {
      addresses = resolver.resolve(destination.host(), destination.port());
    } catch (HostNotResolvedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(addresses, 0, query, timeout, key);
  }

  private CompletableFuture<Message> send(
      List<InetSocketAddress> addresses, int index, Message query, Duration timeout, TSIG key) {
    CompletableFuture<Message> answer;
    try {
      SimpleResolver resolver = new SimpleResolver(addresses.get(index));
      resolver.setTimeout(timeout);
      if (key != null) {
        resolver.setTSIGKey(key);
      }
      answer = resolver.sendAsync(query).toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    if (index + 1 == addresses.size()) {
      return answer;
    }
    return answer.exceptionallyCompose(error -> send(addresses, index + 1, query, timeout, key));
  }
}
