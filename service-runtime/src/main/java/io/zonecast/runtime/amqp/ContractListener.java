package io.zonecast.runtime.amqp;

import com.rabbitmq.client.Channel;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.ListenerStats.Reason;
import io.zonecast.runtime.logging.LogContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * How every zonecast consumer takes a message (the containers run in MANUAL acknowledge mode):
 *
 * <ol>
 *   <li>a message of another installation ({@value Installation#HEADER} not this one's) or about a
 *       zone this database does not have is dead-lettered unread: it is never acted on (but this
 *       installation's follow-up message about a zone deleted meanwhile is discarded: {@link
 *       #receiveFollowUp});
 *   <li>a message that cannot be read as its contract, or whose work rejects it as invalid ({@link
 *       IllegalArgumentException}), is dead-lettered at once;
 *   <li>otherwise its work runs; the message is acknowledged when the work's future completes;
 *   <li>work that fails is tried again after a delay (doubling from {@code initial-delay} up to
 *       {@code max-delay}): a copy with the attempt number in {@value #ATTEMPT_HEADER} goes to the
 *       back of the same queue, then the failed delivery is acknowledged. The delivery stays
 *       unacknowledged while it waits, so a consumer that dies meanwhile loses nothing;
 *   <li>after {@code max-attempts} the message is dead-lettered with the last error.
 * </ol>
 *
 * <p>Dead-lettered messages keep their body and headers, with the reason in {@value
 * AmqpContracts#ERROR_HEADER}; each reason is counted ({@link ListenerStats}) and logged once per
 * installation, zone or queue. This is done by the consumer rather than by RabbitMQ's
 * x-dead-letter-exchange and delivery-limit queue arguments, which other AMQP 0-9-1 brokers (the
 * embedded Qpid Broker-J) and classic queues do not offer.
 */
public class ContractListener {

  /** The number of the attempt a message is on (absent: the first). */
  public static final String ATTEMPT_HEADER = "x-zonecast-attempt";

  private static final Logger log = LoggerFactory.getLogger(ContractListener.class);
  private static final int LOGGED_ONCE_LIMIT = 10_000;

  private final AmqpNames names;
  private final MessageConverter converter;
  private final RabbitOperations rabbit;
  private final KnownZones zones;
  private final Retry retry;
  private final ListenerStats stats;
  private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService delays =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("zonecast-retry-delay").factory());

  /** How often and how late failed work is tried again. */
  public record Retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("zonecast.amqp.retry.max-attempts must be at least 1");
      }
    }

    /** The wait before attempt {@code next} (2, 3, ...). */
    Duration delayBefore(int next) {
      Duration delay = initialDelay.multipliedBy(1L << Math.min(next - 2, 20));
      return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
  }

  public ContractListener(
      AmqpNames names,
      MessageConverter converter,
      RabbitOperations rabbit,
      KnownZones zones,
      Retry retry,
      ListenerStats stats) {
    this.names = names;
    this.converter = converter;
    this.rabbit = rabbit;
    this.zones = zones;
    this.retry = retry;
    this.stats = stats;
  }

  /**
   * As {@link #receive(Message, Channel, Class, Function, Function, Function)} for a follow-up: a
   * message that follows from one of this installation's zone changes after its first consumer (the
   * pool manager, which dead-letters a change about a zone this database does not have) took it:
   * MiniDNS's NOTIFY and poll tasks, the poll answers, the zones' status reports. This
   * installation's follow-up about a zone no longer in its database is about a zone deleted while
   * it was in flight (a NOTIFY task of the change just before the delete, the second target's poll
   * answer, a message redelivered after a consumer died): there is nothing left to act on and
   * nothing wrong, so it is discarded (acknowledged, counted, logged once at INFO), not
   * dead-lettered. A follow-up of another installation is dead-lettered as any message.
   */
  public <T> void receiveFollowUp(
      Message message,
      Channel channel,
      Class<T> type,
      Function<T, ZoneRef> zone,
      Function<T, RequestContext> context,
      Function<T, CompletableFuture<?>> work) {
    receive(message, channel, type, zone, context, work, true);
  }

  /**
   * Takes one delivery. Nothing escapes: in MANUAL mode an exception would leave the message
   * unacknowledged, holding a prefetch slot, until the channel closes.
   *
   * @param zone the zone the message is about
   * @param work starts the message's work; the message is settled when the future completes
   */
  public <T> void receive(
      Message message,
      Channel channel,
      Class<T> type,
      Function<T, ZoneRef> zone,
      Function<T, RequestContext> context,
      Function<T, CompletableFuture<?>> work) {
    receive(message, channel, type, zone, context, work, false);
  }

  private <T> void receive(
      Message message,
      Channel channel,
      Class<T> type,
      Function<T, ZoneRef> zone,
      Function<T, RequestContext> context,
      Function<T, CompletableFuture<?>> work,
      boolean report) {
    try {
      String origin = header(message, Installation.HEADER);
      if (!names.installation().id().equals(origin)) {
        reject(
            message,
            channel,
            Reason.FOREIGN_INSTALLATION,
            String.valueOf(origin),
            "published by installation " + origin + ", this is " + names.installation().id());
        return;
      }
      T body;
      try {
        body = read(message, type);
      } catch (IllegalArgumentException e) {
        reject(message, channel, Reason.UNREADABLE, queue(message), e.getMessage());
        return;
      }
      ZoneRef ref = zone.apply(body);
      boolean known = zones.knows(ref);
      if (!known && report) {
        discardGone(message, channel, ref);
        return;
      }
      if (!known) {
        reject(
            message,
            channel,
            Reason.UNKNOWN_ZONE,
            ref.id().toString(),
            "zone " + ref.name() + " (" + ref.id() + ") is not in this installation's database");
        return;
      }
      LogContext.run(context.apply(body), () -> start(body, work, message, channel));
    } catch (RuntimeException e) {
      // e.g. the database could not say whether the zone is known: the message's work failed
      failed(message, channel, e);
    }
  }

  private <T> T read(Message message, Class<T> type) {
    Object body;
    try {
      body = converter.fromMessage(message);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!type.isInstance(body)) {
      throw new IllegalArgumentException(
          "expected "
              + type.getSimpleName()
              + ", got "
              + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }
    return type.cast(body);
  }

  private <T> void start(
      T body, Function<T, CompletableFuture<?>> work, Message message, Channel channel) {
    CompletableFuture<?> running;
    try {
      running = work.apply(body);
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete((result, error) -> {
      if (error == null) {
        settle(channel, message, true);
      } else {
        failed(message, channel, unwrap(error));
      }
    });
  }

  private void failed(Message message, Channel channel, Throwable error) {
    if (error instanceof IllegalArgumentException) {
      reject(message, channel, Reason.UNREADABLE, queue(message), "invalid: " + error.getMessage());
      return;
    }
    int attempt = attempt(message);
    if (attempt >= retry.maxAttempts()) {
      log.error(
          "work of a message on {} failed on attempt {} of {}: dead-lettered",
          queue(message),
          attempt,
          retry.maxAttempts(),
          error);
      deadLetter(message, channel, Reason.FAILED, "failed " + attempt + " times, last: " + error);
      return;
    }
    Duration delay = retry.delayBefore(attempt + 1);
    log.warn(
        "work of a message on {} failed (attempt {} of {}), tried again in {} ms: {}",
        queue(message),
        attempt,
        retry.maxAttempts(),
        delay.toMillis(),
        error.toString());
    delays.schedule(
        () -> requeue(message, channel, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void requeue(Message message, Channel channel, int next) {
    MessageProperties properties = message.getMessageProperties();
    properties.setHeader(ATTEMPT_HEADER, next);
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    try {
      rabbit.send("", queue(message), message);
    } catch (RuntimeException e) {
      // the broker took nothing: leave the delivery to it (redelivered, same attempt number)
      log.warn("could not queue the message again: {}", e.toString());
      settle(channel, message, false);
      return;
    }
    stats.retried();
    settle(channel, message, true);
  }

  private void reject(Message message, Channel channel, Reason reason, String key, String why) {
    if (loggedOnce.size() < LOGGED_ONCE_LIMIT && loggedOnce.add(reason + "/" + key)) {
      log.error("message on {} dead-lettered ({}): {}", queue(message), reason.tag(), why);
    } else {
      log.debug("message on {} dead-lettered ({}): {}", queue(message), reason.tag(), why);
    }
    deadLetter(message, channel, reason, why);
  }

  private void discardGone(Message message, Channel channel, ZoneRef ref) {
    if (loggedOnce.size() < LOGGED_ONCE_LIMIT && loggedOnce.add("gone/" + ref.id())) {
      log.info(
          "message on {} about zone {} ({}), no longer in the database (deleted meanwhile): discarded",
          queue(message),
          ref.name(),
          ref.id());
    }
    stats.discardedGone();
    settle(channel, message, true);
  }

  private void deadLetter(Message message, Channel channel, Reason reason, String why) {
    MessageProperties properties = message.getMessageProperties();
    properties.setHeader(AmqpContracts.ERROR_HEADER, reason.tag() + ": " + why);
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    try {
      rabbit.send(names.deadLetterExchange(), "", message);
    } catch (RuntimeException e) {
      log.warn("could not dead-letter the message, left to the broker: {}", e.toString());
      settle(channel, message, false);
      return;
    }
    stats.deadLettered(reason);
    settle(channel, message, true);
  }

  /** Acknowledges, or hands the delivery back to the broker (requeue). */
  private static void settle(Channel channel, Message message, boolean ack) {
    long tag = message.getMessageProperties().getDeliveryTag();
    try {
      if (ack) {
        channel.basicAck(tag, false);
      } else {
        channel.basicNack(tag, false, true);
      }
    } catch (IOException | RuntimeException e) {
      // the channel is gone; the broker redelivers the message to another consumer
      log.warn("could not settle message {}: {}", tag, e.toString());
    }
  }

  static int attempt(Message message) {
    Object value = message.getMessageProperties().getHeaders().get(ATTEMPT_HEADER);
    if (value instanceof Number number) {
      return Math.max(1, number.intValue());
    }
    return 1;
  }

  private static String header(Message message, String name) {
    Object value = message.getMessageProperties().getHeaders().get(name);
    return value == null ? null : value.toString();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String queue(Message message) {
    return message.getMessageProperties().getConsumerQueue();
  }

  /** Stops waiting retries; their deliveries are unacknowledged and go back to the broker. */
  public void close() {
    delays.shutdownNow();
  }
}
