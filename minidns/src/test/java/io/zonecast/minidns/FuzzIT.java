package io.zonecast.minidns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonecast.minidns.testing.ZoneRows;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Random and mutated packets at the real UDP and TCP listeners: mutations of valid queries (plain,
 * EDNS, TSIG-signed, transfers) with bit flips, truncations, random bytes, oversized datagrams, and
 * on TCP length prefixes that lie. Afterwards the server still answers a SOA query correctly and
 * nothing was logged at ERROR, nor any warning with a stack trace (an exception that escaped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FuzzIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_fuzz_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final int UDP_PACKETS = 70_000;
  static final int TCP_CONNECTIONS = 300;
  static final int TCP_MESSAGES_PER_CONNECTION = 100;
  static final String SECRET = "ZnV6ei1mdXp6LWZ1enotZnV6ei1mdXp6LWZ1eno=";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    // no pools file lists this test's loopback clients and secondary: allow them by address
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;

  final SplittableRandom random = new SplittableRandom(20261129);

  /** A zone at serial 77, and a key of another zone, for signed queries that verify. */
  String insertZone() {
    ZoneRows rows = new ZoneRows(jdbc);
    rows.tsigKey("fuzz-key", "hmac-sha256", SECRET, "ZONE", UUID.randomUUID());
    return rows.zone("fuzz", UUID.randomUUID(), 77).name();
  }

  List<byte[]> seeds(String zone) throws IOException {
    Name apex = Name.fromString(zone);
    List<byte[]> seeds = new ArrayList<>();
    for (int type : new int[] {Type.SOA, Type.A, Type.AXFR, Type.IXFR, Type.NS, Type.ANY}) {
      Message plain = Message.newQuery(Record.newRecord(apex, type, DClass.IN));
      seeds.add(plain.toWire());
      Message edns = Message.newQuery(Record.newRecord(apex, type, DClass.IN));
      edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
      seeds.add(edns.toWire());
      Message signed = Message.newQuery(Record.newRecord(apex, type, DClass.IN));
      signed.setTSIG(new TSIG(TSIG.HMAC_SHA256, Name.fromString("fuzz-key."), SECRET));
      seeds.add(signed.toWire(65_535));
    }
    return seeds;
  }

  byte[] mutate(List<byte[]> seeds) {
    byte[] seed = seeds.get(random.nextInt(seeds.size()));
    return switch (random.nextInt(6)) {
      case 0 -> {
        byte[] flipped = seed.clone();
        for (int i = random.nextInt(1, 8); i > 0; i--) {
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield flipped;
      }
      case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length));
      case 2 -> randomBytes(random.nextInt(0, 600));
      case 3 -> {
        // a valid header and random rest: counts that promise more than is there
        byte[] tail = randomBytes(random.nextInt(0, 300));
        byte[] mixed = Arrays.copyOf(seed, 12 + tail.length);
        System.arraycopy(tail, 0, mixed, 12, tail.length);
        yield mixed;
      }
      case 4 -> {
        byte[] overwritten = seed.clone();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
          overwritten[random.nextInt(overwritten.length)] = (byte) random.nextInt(256);
        }
        yield overwritten;
      }
      default -> {
        byte[] grown = Arrays.copyOf(seed, seed.length + random.nextInt(1, 2000));
        for (int i = seed.length; i < grown.length; i++) {
          grown[i] = (byte) random.nextInt(256);
        }
        yield grown;
      }
    };
  }

  byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void mutatedPacketsNeitherBreakTheServerNorEscapeAsErrors() throws Exception {
    String zone = insertZone();
    List<byte[]> seeds = seeds(zone);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    int sent = 0;
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      try (DatagramSocket udp = new DatagramSocket()) {
        for (int i = 0; i < UDP_PACKETS; i++) {
          byte[] packet = i % 5000 == 0 ? randomBytes(60_000) : mutate(seeds);
          udp.send(new DatagramPacket(packet, packet.length, loopback, DNS_PORT));
          sent++;
          if (i % 500 == 0) {
            // let the server's queue drain a little so the test measures handling, not drops
            Thread.sleep(1);
          }
        }
      }
      for (int c = 0; c < TCP_CONNECTIONS; c++) {
        sent += tcpConnection(loopback, c);
      }

      assertThat(sent).isGreaterThanOrEqualTo(100_000);
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .untilAsserted(() -> {
            Message answer = soaQuery(zone);
            assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answer.getSection(Section.ANSWER))
                .singleElement()
                .isInstanceOfSatisfying(
                    SOARecord.class, soa -> assertThat(soa.getSerial()).isEqualTo(77));
          });
    } finally {
      root.detachAppender(captured);
    }
    List<ILoggingEvent> events = List.copyOf(captured.list);
    assertThat(events)
        .as("the capture sees MiniDNS's warnings (e.g. an AXFR over UDP)")
        .anyMatch(event ->
            event.getLevel() == Level.WARN && event.getLoggerName().startsWith("io.zonecast"));
    assertThat(events)
        .as("nothing logged at ERROR")
        .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
    assertThat(events)
        .as("no warning with a stack trace")
        .noneMatch(event ->
            event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null);
  }

  /** One connection: framed mutated messages, then sometimes a lie; returns the messages sent. */
  int tcpConnection(InetAddress loopback, int index) throws IOException {
    int sent = 0;
    try (Socket socket = new Socket(loopback, DNS_PORT)) {
      socket.setSoTimeout(5000);
      Thread drain = Thread.ofVirtual().start(() -> drain(socket));
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      List<byte[]> seeds = seeds(index % 2 == 0 ? "fuzz.example.org." : "nothing.test.");
      for (int m = 0; m < TCP_MESSAGES_PER_CONNECTION; m++) {
        byte[] message = mutate(seeds);
        out.writeShort(message.length);
        out.write(message);
        sent++;
      }
      switch (index % 4) {
        case 0 -> {
          // promises more than it sends, then closes
          out.writeShort(4000);
          out.write(randomBytes(100));
        }
        case 1 -> out.writeShort(0);
        case 2 -> out.write(0x7f);
        default -> {}
      }
      out.flush();
      socket.shutdownOutput();
      try {
        drain.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } catch (IOException e) {
      // the server may close a connection that sent garbage: that is an allowed answer
    }
    return sent;
  }

  private static void drain(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[65_536];
      while (in.read(buffer) >= 0) {
        // answers are not examined: only that the server survives
      }
    } catch (IOException e) {
      // closed
    }
  }

  static Message soaQuery(String zone) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(DNS_PORT);
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN)));
  }
}
