package io.zonecast.minidns.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

  static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  @Test
  void blocksContainTheirAddressesOnly() throws Exception {
    Cidr loopback = Cidr.parse("127.0.0.0/8");
    assertThat(loopback.contains(ip("127.1.2.3"))).isTrue();
    assertThat(loopback.contains(ip("128.0.0.1"))).isFalse();
    assertThat(loopback.contains(ip("::1"))).isFalse();

    Cidr odd = Cidr.parse("192.0.2.128/25");
    assertThat(odd.contains(ip("192.0.2.200"))).isTrue();
    assertThat(odd.contains(ip("192.0.2.127"))).isFalse();

    assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:1::5"))).isTrue();
    assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db9::5"))).isFalse();
    assertThat(Cidr.parse("10.0.0.7").contains(ip("10.0.0.7"))).isTrue();
    assertThat(Cidr.parse("10.0.0.7").contains(ip("10.0.0.8"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
  }

  @Test
  void anythingButALiteralBlockIsRefused() {
    for (String bad : new String[] {"", "localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129"}) {
      assertThatThrownBy(() -> Cidr.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
