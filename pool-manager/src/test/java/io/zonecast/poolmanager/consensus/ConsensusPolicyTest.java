package io.zonecast.poolmanager.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsensusPolicyTest {

  @Test
  void twoOfThreeReachSixtySixButNotSixtySevenPercent() {
    assertThat(new ConsensusPolicy(66).reached(2, 3)).isTrue();
    assertThat(new ConsensusPolicy(67).reached(2, 3)).isFalse();
  }

  @Test
  void hundredPercentNeedsEveryone() {
    ConsensusPolicy all = new ConsensusPolicy(100);
    assertThat(all.reached(2, 2)).isTrue();
    assertThat(all.reached(1, 2)).isFalse();
    assertThat(all.unreachable(1, 2)).isTrue();
    assertThat(all.unreachable(0, 2)).isFalse();
  }

  @Test
  void failureIsDeclaredAsSoonAsTheThresholdCannotBeReached() {
    ConsensusPolicy half = new ConsensusPolicy(50);
    assertThat(half.unreachable(2, 4)).isFalse();
    assertThat(half.unreachable(3, 4)).isTrue();
  }

  @Test
  void aPoolWithoutNameserversHasNothingToWaitFor() {
    assertThat(new ConsensusPolicy(100).reached(0, 0)).isTrue();
    assertThat(new ConsensusPolicy(100).unreachable(0, 0)).isFalse();
  }

  @Test
  void oneOfThreeFailingStillAllowsSixtySixButNotSixtySeven() {
    assertThat(new ConsensusPolicy(66).unreachable(1, 3)).isFalse();
    assertThat(new ConsensusPolicy(67).unreachable(1, 3)).isTrue();
  }

  @Test
  void aThresholdOutsideOneToHundredIsRefused() {
    assertThatThrownBy(() -> new ConsensusPolicy(0)).hasMessageContaining("1..100");
    assertThatThrownBy(() -> new ConsensusPolicy(101)).hasMessageContaining("1..100");
  }
}
