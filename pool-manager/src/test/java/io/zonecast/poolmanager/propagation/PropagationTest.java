package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import io.zonecast.poolmanager.propagation.Propagation.Verdict;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PropagationTest {

  static final ConsensusPolicy ALL = new ConsensusPolicy(100);
  static final String NS1 = "127.0.0.1:5310";
  static final String NS2 = "127.0.0.1:5311";
  static final RequestContext CONTEXT = RequestContext.system("req-t");
  final ZoneRef zone =
      new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 3_000_000_000L);

  Propagation propagation(long serial) {
    return new Propagation(CONTEXT, zone.withSerial(serial), ZoneAction.UPDATE, List.of(NS1, NS2));
  }

  UpdateStatus status(long polledSerial, String ns, PollStatus status, Long actual) {
    return new UpdateStatus(CONTEXT, zone.withSerial(polledSerial), ns, status, actual);
  }

  @Test
  void successOnEveryNameserverIsSuccess() {
    Propagation p = propagation(3_000_000_000L);
    assertThat(p.record(status(3_000_000_000L, NS1, PollStatus.SUCCESS, 3_000_000_000L), ALL))
        .isEqualTo(Verdict.PENDING);
    assertThat(p.record(status(3_000_000_000L, NS2, PollStatus.SUCCESS, 3_000_000_005L), ALL))
        .isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void duplicateSuccessesFromOneNameserverCountOnce() {
    Propagation p = propagation(10);
    p.record(status(10, NS1, PollStatus.SUCCESS, 10L), ALL);
    assertThat(p.record(status(10, NS1, PollStatus.SUCCESS, 10L), ALL)).isEqualTo(Verdict.PENDING);
  }

  @Test
  void anOlderPollThatAlreadySeesTheNewSerialCounts() {
    Propagation p = propagation(20);
    p.record(status(10, NS1, PollStatus.SUCCESS, 20L), ALL);
    assertThat(p.record(status(10, NS2, PollStatus.SUCCESS, 21L), ALL)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void anOlderPollsSuccessWithItsOwnSerialDecidesNothing() {
    Propagation p = propagation(20);
    assertThat(p.record(status(10, NS1, PollStatus.SUCCESS, 10L), ALL)).isEqualTo(Verdict.PENDING);
    assertThat(p.record(status(10, NS2, PollStatus.SUCCESS, 10L), ALL)).isEqualTo(Verdict.PENDING);
  }

  @Test
  void anOlderPollsErrorDoesNotFailTheNewerChange() {
    Propagation p = propagation(20);
    assertThat(p.record(status(10, NS1, PollStatus.ERROR, null), ALL)).isEqualTo(Verdict.PENDING);
  }

  @Test
  void oneErrorAtHundredPercentIsErrorAndNamesTheNameserver() {
    Propagation p = propagation(20);
    assertThat(p.record(status(20, NS1, PollStatus.ERROR, 19L), ALL)).isEqualTo(Verdict.ERROR);
    assertThat(p.failureReport()).contains(NS1 + " serves serial 19");
  }

  @Test
  void wrappedSerialsCountAsNewer() {
    Propagation p = propagation(4_294_967_295L);
    p.record(status(4_294_967_295L, NS1, PollStatus.SUCCESS, 3L), ALL);
    assertThat(p.record(status(4_294_967_295L, NS2, PollStatus.SUCCESS, 0L), ALL))
        .isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void answersFromUnknownNameserversAreIgnored() {
    Propagation p = propagation(20);
    assertThat(p.record(status(20, "10.0.0.1:53", PollStatus.ERROR, null), ALL))
        .isEqualTo(Verdict.PENDING);
  }

  @Test
  void aLateErrorAfterSuccessFromTheSameNameserverChangesNothing() {
    Propagation p = propagation(20);
    p.record(status(20, NS1, PollStatus.SUCCESS, 20L), ALL);
    assertThat(p.record(status(20, NS1, PollStatus.ERROR, 19L), ALL)).isEqualTo(Verdict.PENDING);
    assertThat(p.record(status(20, NS2, PollStatus.SUCCESS, 20L), ALL)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void aSerialHalfTheSpaceBelowIsNotAtLeastTheExpectedOne() {
    // RFC 1982 section 3.2: 2^31 + 20 is not newer than 20, so it does not serve serial 20
    Propagation p = propagation(20);
    assertThat(p.record(status(20, NS1, PollStatus.SUCCESS, 2_147_483_668L), ALL))
        .isEqualTo(Verdict.PENDING);
  }

  @Test
  void theErrorMessageNamesNameserversWithoutASerial() {
    Propagation p = propagation(20);
    assertThat(p.record(status(20, NS2, PollStatus.ERROR, null), ALL)).isEqualTo(Verdict.ERROR);
    assertThat(p.failureReport())
        .isEqualTo(
            "serial 20 not served by enough nameservers: " + NS2 + " does not serve the zone");
  }

  @Test
  void aThresholdBelowHundredToleratesOneError() {
    ConsensusPolicy half = new ConsensusPolicy(50);
    Propagation p = propagation(20);
    assertThat(p.record(status(20, NS1, PollStatus.ERROR, 19L), half)).isEqualTo(Verdict.PENDING);
    assertThat(p.record(status(20, NS2, PollStatus.SUCCESS, 20L), half)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void theSilenceReportNamesTheNameserversThatNeverAnswered() {
    Propagation p = propagation(20);
    p.record(status(20, NS1, PollStatus.SUCCESS, 20L), ALL);
    assertThat(p.silenceReport(java.time.Duration.ofMinutes(30)))
        .isEqualTo("serial 20: no poll result within PT30M from " + NS2 + "; served by " + NS1);
  }
}
