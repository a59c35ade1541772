package io.zonecast.central.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {

  @Test
  void searchesAsPythonsReSearch() {
    Pattern pattern = Pattern.compile("^([A-Za-z0-9_\\-]+\\.)*example\\.com\\.$");
    assertThat(BoundedRegex.find(pattern, "a.b.example.com.", Duration.ofSeconds(1))).isTrue();
    assertThat(BoundedRegex.find(pattern, "example.com.", Duration.ofSeconds(1))).isTrue();
    assertThat(BoundedRegex.find(pattern, "example.com.au.", Duration.ofSeconds(1))).isFalse();
    assertThat(BoundedRegex.find(Pattern.compile("bad"), "a.badword.org.", Duration.ofSeconds(1)))
        .isTrue();
  }

  @Test
  void aCatastrophicPatternStopsWhenItsBudgetIsSpent() {
    // exponential backtracking in Java's engine: without the budget this runs for hours
    Pattern pattern = Pattern.compile("(.*a){12}$");
    assertThatThrownBy(
            () -> BoundedRegex.find(pattern, "a".repeat(40) + ".org.", Duration.ofMillis(50)))
        .isInstanceOf(BoundedRegex.TimedOut.class);
  }
}
