package io.zonecast.minidns.exchange;

import io.zonecast.model.messaging.Destination;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends one DNS message to a server and completes with its answer, without holding a thread while
 * waiting (dnsjava's NIO client). The answer is matched to the query by id and question.
 */
@Component
public class DnsClient {

  public CompletableFuture<Message> send(Destination destination, Message query, Duration timeout) {
    try {
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(destination.host(), destination.port()));
      resolver.setTimeout(timeout);
      return resolver.sendAsync(query).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
