package io.zonecast.runtime.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.ListenerStats.Reason;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.support.converter.MessageConverter;

/** The shared listener with a recording channel and broker (no RabbitMQ: see PropagationIT). */
class ContractListenerTest {

  static final Installation HERE = new Installation("here");
  static final ZoneRef ZONE = new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 7);

  /** What was sent where, and how deliveries were settled. */
  final List<String> sent = new CopyOnWriteArrayList<>();

  final List<Message> sentMessages = new CopyOnWriteArrayList<>();
  final List<String> settled = new CopyOnWriteArrayList<>();
  final MessageConverter converter = AmqpContracts.messageConverter();
  final ListenerStats stats = new ListenerStats(null);
  final Set<UUID> known = new java.util.concurrent.ConcurrentSkipListSet<>(Set.of(ZONE.id()));

  final ContractListener listener =
      listener(
          recordingBroker(),
          new ContractListener.Retry(3, Duration.ofMillis(10), Duration.ofMillis(20)));

  /** A listener of installation HERE that knows the zones in {@link #known}. */
  ContractListener listener(RabbitOperations rabbit, ContractListener.Retry retry) {
    return new ContractListener(
        new AmqpNames(HERE),
        converter,
        rabbit,
        new KnownZones(null) {
          @Override
          public boolean knows(ZoneRef zone) {
            return known.contains(zone.id());
          }
        },
        retry,
        stats);
  }

  @AfterEach
  void close() {
    listener.close();
  }

  /** A broker that records what is sent to it in {@link #sent} and {@link #sentMessages}. */
  RabbitOperations recordingBroker() {
    return broker((proxy, method, args) -> {
      if (method.getName().equals("send") && args.length == 3) {
        sent.add(args[0] + "/" + args[1]);
        Message message = (Message) args[2];
        sentMessages.add(new Message(message.getBody(), copy(message.getMessageProperties())));
        return null;
      }
      throw new UnsupportedOperationException(method.getName());
    });
  }

  RabbitOperations broker(InvocationHandler handler) {
    return (RabbitOperations)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RabbitOperations.class}, handler);
  }

  /** The error header of the first message sent (to the dead-letter exchange). */
  String firstError() {
    return (String)
        sentMessages.getFirst().getMessageProperties().getHeader(AmqpContracts.ERROR_HEADER);
  }

  static MessageProperties copy(MessageProperties properties) {
    MessageProperties copy = new MessageProperties();
    properties.getHeaders().forEach(copy::setHeader);
    return copy;
  }

  Channel channel() {
    return (Channel)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Channel.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "basicAck" -> settled.add("ack " + args[0]);
                case "basicNack" -> settled.add("nack " + args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
              }
              return null;
            });
  }

  Message message(String installation, ZoneRef zone, Integer attempt, long tag) {
    MessageProperties properties = new MessageProperties();
    if (installation != null) {
      properties.setHeader(Installation.HEADER, installation);
    }
    if (attempt != null) {
      properties.setHeader(ContractListener.ATTEMPT_HEADER, attempt);
    }
    Message message =
        converter.toMessage(
            new ZoneChanged(RequestContext.system("t"), zone, ZoneAction.CREATE, Instant.EPOCH),
            properties);
    message.getMessageProperties().setConsumerQueue("zonecast.here.pool-manager.zone-changed");
    message.getMessageProperties().setDeliveryTag(tag);
    return message;
  }

  void receive(Message message, AtomicInteger runs, CompletableFuture<?> outcome) {
    listener.receive(
        message,
        channel(),
        ZoneChanged.class,
        ZoneChanged::zone,
        ZoneChanged::context,
        change -> {
          runs.incrementAndGet();
          return outcome;
        });
  }

  /** Waits for the retry's delay (10 ms here) to pass; fails after 5 s. */
  void waitUntilSettled(int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> settled.size() >= count);
  }

  @Test
  void workDoneIsAcknowledged() {
    AtomicInteger runs = new AtomicInteger();
    receive(message("here", ZONE, null, 1), runs, CompletableFuture.completedFuture(null));
    assertThat(runs).hasValue(1);
    assertThat(settled).containsExactly("ack 1");
    assertThat(sent).isEmpty();
  }

  @Test
  void failedWorkIsQueuedAgainWithTheNextAttemptNumberAfterADelay() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    receive(
        message("here", ZONE, null, 2),
        runs,
        CompletableFuture.failedFuture(new IllegalStateException("db away")));
    waitUntilSettled(1);
    assertThat(sent).containsExactly("/zonecast.here.pool-manager.zone-changed");
    assertThat(sentMessages.getFirst().getMessageProperties().getHeaders())
        .containsEntry(ContractListener.ATTEMPT_HEADER, 2);
    assertThat(settled).containsExactly("ack 2");
    assertThat(stats.retriedCount()).isEqualTo(1);
  }

  @Test
  void workFailedOnTheLastAttemptIsDeadLetteredWithItsErrorAndCounted() {
    AtomicInteger runs = new AtomicInteger();
    receive(
        message("here", ZONE, 3, 3),
        runs,
        CompletableFuture.failedFuture(new IllegalStateException("db away")));
    assertThat(sent).containsExactly("zonecast.here.dead-letter/");
    assertThat(firstError())
        .isEqualTo("failed: failed 3 times, last: java.lang.IllegalStateException: db away");
    assertThat(settled).containsExactly("ack 3");
    assertThat(stats.deadLetteredCount(Reason.FAILED)).isEqualTo(1);
    assertThat(stats.retriedCount()).isZero();
  }

  @Test
  void aMessageOfAnotherInstallationOrOfNoneIsDeadLetteredUnread() {
    AtomicInteger runs = new AtomicInteger();
    receive(message("elsewhere", ZONE, null, 4), runs, CompletableFuture.completedFuture(null));
    receive(message(null, ZONE, null, 5), runs, CompletableFuture.completedFuture(null));
    assertThat(runs).hasValue(0);
    assertThat(sent).containsExactly("zonecast.here.dead-letter/", "zonecast.here.dead-letter/");
    assertThat(firstError())
        .isEqualTo("foreign_installation: published by installation elsewhere, this is here");
    assertThat(settled).containsExactly("ack 4", "ack 5");
    assertThat(stats.deadLetteredCount(Reason.FOREIGN_INSTALLATION)).isEqualTo(2);
  }

  @Test
  void aMessageAboutAZoneThisDatabaseDoesNotHaveIsDeadLetteredAndNotActedOn() {
    AtomicInteger runs = new AtomicInteger();
    ZoneRef stranger = new ZoneRef(UUID.randomUUID(), "other.org.", UUID.randomUUID(), 1);
    receive(message("here", stranger, null, 6), runs, CompletableFuture.completedFuture(null));
    assertThat(runs).hasValue(0);
    assertThat(firstError()).startsWith("unknown_zone: zone other.org.");
    assertThat(settled).containsExactly("ack 6");
    assertThat(stats.deadLetteredCount(Reason.UNKNOWN_ZONE)).isEqualTo(1);
  }

  @Test
  void aFollowUpAboutAZoneDeletedMeanwhileIsDiscardedButAForeignOneIsDeadLettered() {
    AtomicInteger runs = new AtomicInteger();
    ZoneRef deleted = new ZoneRef(UUID.randomUUID(), "gone.org.", UUID.randomUUID(), 1);
    listener.receiveFollowUp(
        message("here", deleted, null, 9),
        channel(),
        ZoneChanged.class,
        ZoneChanged::zone,
        ZoneChanged::context,
        change -> {
          runs.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        });
    assertThat(runs).hasValue(0);
    assertThat(sent).isEmpty();
    assertThat(settled).containsExactly("ack 9");
    assertThat(stats.discardedGoneCount()).isEqualTo(1);
    assertThat(stats.deadLetteredCount(Reason.UNKNOWN_ZONE)).isZero();

    listener.receiveFollowUp(
        message("elsewhere", deleted, null, 10),
        channel(),
        ZoneChanged.class,
        ZoneChanged::zone,
        ZoneChanged::context,
        change -> CompletableFuture.completedFuture(null));
    assertThat(sent).containsExactly("zonecast.here.dead-letter/");
    assertThat(stats.deadLetteredCount(Reason.FOREIGN_INSTALLATION)).isEqualTo(1);
  }

  @Test
  void workThatRejectsItsMessageAsInvalidIsDeadLetteredWithoutRetries() {
    AtomicInteger runs = new AtomicInteger();
    receive(
        message("here", ZONE, null, 7),
        runs,
        CompletableFuture.failedFuture(new IllegalArgumentException("bad destination")));
    assertThat(sent).containsExactly("zonecast.here.dead-letter/");
    assertThat(stats.deadLetteredCount(Reason.UNREADABLE)).isEqualTo(1);
    assertThat(stats.retriedCount()).isZero();
  }

  @Test
  void aMessageTheBrokerWillNotTakeBackIsLeftToIt() {
    ContractListener refused =
        listener(
            broker((proxy, method, args) -> {
              throw new org.springframework.amqp.AmqpConnectException(
                  new java.io.IOException("broker gone"));
            }),
            new ContractListener.Retry(1, Duration.ZERO, Duration.ZERO));
    refused.receive(
        message("here", ZONE, null, 8),
        channel(),
        ZoneChanged.class,
        ZoneChanged::zone,
        ZoneChanged::context,
        change -> CompletableFuture.failedFuture(new IllegalStateException("x")));
    refused.close();
    assertThat(settled).containsExactly("nack 8");
    assertThat(stats.deadLetteredCount(Reason.FAILED)).isZero();
  }
}
