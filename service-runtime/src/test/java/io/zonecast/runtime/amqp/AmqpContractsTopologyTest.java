package io.zonecast.runtime.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.runtime.amqp.AmqpContracts.QueueType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

class AmqpContractsTopologyTest {

  private static final AmqpNames NAMES = new AmqpNames(new Installation("abc123"));

  private static List<Queue> queues(QueueType type) {
    return AmqpContracts.topology(NAMES, type).getDeclarablesByType(Queue.class);
  }

  @Test
  void everyExchangeAndQueueNameContainsTheInstallationId() {
    assertThat(queues(QueueType.CLASSIC))
        .extracting(Queue::getName)
        .contains("zonecast.abc123.pool-manager.zone-changed", "zonecast.abc123.dead-letter")
        .allSatisfy(name -> assertThat(name).startsWith("zonecast.abc123."));
    assertThat(
            AmqpContracts.topology(NAMES, QueueType.CLASSIC)
                .getDeclarablesByType(org.springframework.amqp.core.Exchange.class))
        .extracting(org.springframework.amqp.core.Exchange::getName)
        .containsExactlyInAnyOrder("zonecast.abc123", "zonecast.abc123.dead-letter");
  }

  @Test
  void anInstallationIdThatCannotBePartOfANameIsAClearError() {
    assertThatThrownBy(() -> new Installation("Has Space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("installation id");
  }

  @Test
  void quorumTopologyDeclaresEveryQueueAsADurableQuorumQueue() {
    assertThat(queues(QueueType.QUORUM))
        .isNotEmpty()
        .allSatisfy(queue -> {
          assertThat(queue.isDurable()).isTrue();
          assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum");
        });
  }

  @Test
  void classicTopologyDeclaresTheSameQueuesWithoutAType() {
    assertThat(queues(QueueType.CLASSIC))
        .extracting(Queue::getName)
        .containsExactlyElementsOf(queues(QueueType.QUORUM).stream().map(Queue::getName).toList());
    assertThat(queues(QueueType.CLASSIC))
        .allSatisfy(queue -> assertThat(queue.getArguments()).doesNotContainKey("x-queue-type"));
  }

  @Test
  void queueTypeIsReadFromTheSettingAndAnythingElseIsAClearError() {
    assertThat(QueueType.of(" Quorum ")).isEqualTo(QueueType.QUORUM);
    assertThat(QueueType.of("classic")).isEqualTo(QueueType.CLASSIC);
    assertThatThrownBy(() -> QueueType.of("stream"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zonecast.amqp.queue-type must be classic or quorum");
  }
}
