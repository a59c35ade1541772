package io.zonecast.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DestinationTest {

  @Test
  void hostAndPort() {
    assertThat(Destination.parse("127.0.0.1:5310")).isEqualTo(new Destination("127.0.0.1", 5310));
  }

  @Test
  void portFiftyThreeWhenNoneIsGiven() {
    assertThat(Destination.parse("192.0.2.1")).isEqualTo(new Destination("192.0.2.1", 53));
    assertThat(Destination.parse("ns1.example.org:"))
        .isEqualTo(new Destination("ns1.example.org", 53));
  }

  @Test
  void bracketedIpv6WithAndWithoutPort() {
    assertThat(Destination.parse("[::1]:5300")).isEqualTo(new Destination("::1", 5300));
    assertThat(Destination.parse("[2001:db8::1]")).isEqualTo(new Destination("2001:db8::1", 53));
    assertThat(Destination.parse("2001:db8::1")).isEqualTo(new Destination("2001:db8::1", 53));
  }

  @Test
  void printsInTheSameFormItParses() {
    assertThat(new Destination("::1", 5300).toString()).isEqualTo("[::1]:5300");
    assertThat(Destination.parse(new Destination("::1", 5300).toString()))
        .isEqualTo(new Destination("::1", 5300));
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> Destination.parse("host:abc")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> Destination.parse("host:70000")).hasMessageContaining("70000");
    assertThatThrownBy(() -> Destination.parse("[::1:53")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> Destination.parse("")).hasMessageContaining("host");
  }
}
