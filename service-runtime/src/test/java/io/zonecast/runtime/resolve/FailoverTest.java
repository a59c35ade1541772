package io.zonecast.runtime.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTest {

  static InetSocketAddress at(String ip) {
    return new InetSocketAddress(IpLiteral.parse(ip).orElseThrow(), 53);
  }

  @Test
  void aCallThatFailsOnOneAddressTriesTheNext() throws Exception {
    List<InetSocketAddress> tried = new ArrayList<>();
    String answer =
        Failover.firstAnswer(
            List.of(at("127.0.0.31"), at("127.0.0.32"), at("127.0.0.33")),
            address -> {
              tried.add(address);
              if (address.equals(at("127.0.0.31"))) {
                throw new ConnectException("Connection refused");
              }
              return "answer from " + Failover.describe(address);
            });

    assertThat(answer).isEqualTo("answer from 127.0.0.32:53");
    assertThat(tried).containsExactly(at("127.0.0.31"), at("127.0.0.32"));
  }

  @Test
  void whenNoAddressAnswersTheErrorNamesEach() {
    assertThatThrownBy(() ->
            Failover.firstAnswer(
                List.of(at("127.0.0.31"), at("::1")),
                address -> {
                  throw new IOException("timed out");
                }))
        .hasMessage(
            "no address answered: 127.0.0.31:53: timed out; [0:0:0:0:0:0:0:1]:53: timed out");
  }

  @Test
  void aSingleAddressFailsWithItsOwnError() {
    assertThatThrownBy(() ->
            Failover.firstAnswer(
                List.of(at("127.0.0.31")),
                address -> {
                  throw new ConnectException("Connection refused");
                }))
        .isInstanceOf(ConnectException.class)
        .hasMessage("Connection refused");
  }
}
