package io.zonecast.model.messaging.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.messaging.amqp.AmqpContracts.QueueType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

class AmqpContractsTopologyTest {

  private static List<Queue> queues(QueueType type) {
    return AmqpContracts.topology(type).getDeclarablesByType(Queue.class);
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
