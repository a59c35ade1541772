package io.zonecast.central.recordset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv6TextTest {

  @ParameterizedTest
  @CsvSource({
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "fe80:0:0:0:0:0:0:0, fe80::"
  })
  void followsRfc5952(String input, String expected) throws Exception {
    assertThat(Ipv6Text.canonical(InetAddress.getByName(input).getAddress())).isEqualTo(expected);
  }
}
