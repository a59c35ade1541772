package io.zonecast.central.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.central.system.Caller;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferRequestTest {

  static TransferRequest request(String target) {
    return new TransferRequest(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "example.org.",
        "owner",
        target,
        "ABCDEFGH",
        null,
        TransferRequest.ACTIVE,
        1,
        LocalDateTime.now(),
        null);
  }

  static Caller caller(String project, boolean allProjects) {
    return new Caller(project, "req-1", Set.of("member"), allProjects);
  }

  @Test
  void aTargetedRequestIsForItsOwnerAndTargetOnly() {
    TransferRequest request = request("target");
    assertThat(request.isVisibleTo(caller("owner", false))).isTrue();
    assertThat(request.isVisibleTo(caller("target", false))).isTrue();
    assertThat(request.isVisibleTo(caller("other", false))).isFalse();
    assertThat(request.isVisibleTo(caller("other", true))).isTrue();
    assertThat(request.isDetailedFor(caller("target", false))).isTrue();
  }

  @Test
  void aRequestWithoutTargetIsVisibleToAnyoneButDetailedForItsOwnerOnly() {
    TransferRequest request = request(null);
    assertThat(request.isVisibleTo(caller("other", false))).isTrue();
    assertThat(request.isDetailedFor(caller("other", false))).isFalse();
    assertThat(request.isDetailedFor(caller("owner", false))).isTrue();
  }
}
