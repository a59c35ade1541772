package io.zonecast.minidns.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.minidns.MiniDnsTestProperties;
import io.zonecast.minidns.PoolsFiles;
import io.zonecast.minidns.testing.ZoneRows;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Who MiniDNS answers, with its defaults and a pools file whose target is 127.0.0.1 (as
 * bin/zonecast and the system tests write it), against a real PostgreSQL: another process on the
 * host (a stranger at 127.0.0.9) can neither transfer nor use MiniDNS as an amplifier, nor can an
 * address only allowed to query (127.0.0.10); the pool's own answers over UDP are truncated (TC) at
 * what the query allows; EDNS versions above 0 are BADVERS; a connection that dribbles its request
 * is closed.
 */
// the database is dropped after the class: close the context too, or its heartbeat logs failures
// (with stack traces) into the tests that run after it
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SourceAccessIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_source_access_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final Path POOLS = PoolsFiles.targetOnLoopback(DNS_PORT);
  static final InetAddress POOL_ADDRESS = address("127.0.0.1");
  static final InetAddress STRANGER = address("127.0.0.9");
  static final InetAddress QUERY_ONLY = address("127.0.0.10");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    registry.add("zonecast.minidns.pools-file", POOLS::toString);
    registry.add("zonecast.minidns.allow-query", () -> QUERY_ONLY.getHostAddress() + "/32");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  ZoneRef zoneWithTxt() {
    return zoneWithTxt(5);
  }

  /** A zone whose apex TXT RRset has {@code strings} records of 201 bytes. */
  ZoneRef zoneWithTxt(int strings) {
    ZoneRows rows = new ZoneRows(jdbc);
    ZoneRef zone = rows.zone("access", UUID.randomUUID(), 5);
    rows.recordset(
        zone.id(),
        zone.name(),
        "TXT",
        java.util.stream.IntStream.range(0, strings)
            .mapToObj(i -> "\"" + "x".repeat(200) + i + "\"")
            .toList());
    return zone;
  }

  ZoneTransferIn axfrFrom(ZoneRef zone, InetAddress source) throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone.name()), "127.0.0.1", DNS_PORT, null);
    axfr.setLocalAddress(new InetSocketAddress(source, 0));
    axfr.setTimeout(Duration.ofSeconds(10));
    axfr.run();
    return axfr;
  }

  /** One UDP query from {@code source}: the raw answer. */
  static byte[] udp(InetAddress source, byte[] query) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
      socket.setSoTimeout(5000);
      socket.send(new DatagramPacket(query, query.length, POOL_ADDRESS, DNS_PORT));
      DatagramPacket answer = new DatagramPacket(new byte[65_535], 65_535);
      socket.receive(answer);
      return Arrays.copyOf(answer.getData(), answer.getLength());
    }
  }

  static Message ednsQuery(ZoneRef zone, int type, int version) throws IOException {
    return ednsQuery(zone, type, version, 1232);
  }

  static Message ednsQuery(ZoneRef zone, int type, int version, int payloadSize)
      throws IOException {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString(zone.name()), type, DClass.IN));
    query.addRecord(new OPTRecord(payloadSize, 0, version), Section.ADDITIONAL);
    return query;
  }

  @Test
  void thePoolsTargetTransfersAndAStrangerOnTheSameHostCannot() throws Exception {
    ZoneRef zone = zoneWithTxt();

    List<Record> records = axfrFrom(zone, POOL_ADDRESS).getAXFR();
    assertThat(records).extracting(Record::getType).contains(Type.TXT);

    assertThatThrownBy(() -> axfrFrom(zone, STRANGER)).isInstanceOf(Exception.class);
  }

  @Test
  void aStrangersUdpQueryIsRefusedWithAnAnswerNoLargerThanTheQuery() throws Exception {
    ZoneRef zone = zoneWithTxt();
    byte[] query = ednsQuery(zone, Type.TXT, 0).toWire();

    byte[] toPool = udp(POOL_ADDRESS, query);
    byte[] toStranger = udp(STRANGER, query);

    assertThat(toPool.length).as("the pool's answer").isGreaterThan(1000);
    assertThat(new Message(toStranger).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(toStranger.length).isLessThanOrEqualTo(query.length);
  }

  @Test
  void anAddressAllowedOnlyToQueryGetsNoUdpAnswerLargerThanItsQuery() throws Exception {
    ZoneRef zone = zoneWithTxt();
    byte[] query = ednsQuery(zone, Type.TXT, 0).toWire();

    Message answer = new Message(udp(QUERY_ONLY, query));

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.TC)).as("asked to come back over TCP").isTrue();
    assertThat(answer.toWire().length).isLessThanOrEqualTo(query.length);
  }

  @Test
  void thePoolsBigUdpAnswersAreTruncatedAtWhatTheQueryAllows() throws Exception {
    ZoneRef zone = zoneWithTxt(10); // some 2,100 bytes of TXT
    Message plain =
        Message.newQuery(Record.newRecord(Name.fromString(zone.name()), Type.TXT, DClass.IN));

    byte[] without = udp(POOL_ADDRESS, plain.toWire());
    byte[] withEdns4096 = udp(POOL_ADDRESS, ednsQuery(zone, Type.TXT, 0, 4096).toWire());

    // RFC 1035 4.2.1: 512 bytes without EDNS; with EDNS never over 1,232 (no IP fragments)
    assertThat(without.length).isLessThanOrEqualTo(512);
    assertThat(new Message(without).getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(withEdns4096.length).isLessThanOrEqualTo(1232);
    assertThat(new Message(withEdns4096).getHeader().getFlag(Flags.TC)).isTrue();
  }

  @Test
  void ednsVersionOneIsAnsweredBadvers() throws Exception {
    ZoneRef zone = zoneWithTxt();

    Message answer = new Message(udp(POOL_ADDRESS, ednsQuery(zone, Type.SOA, 1).toWire()));

    assertThat(answer.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(answer.getOPT().getVersion()).isZero();
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void aConnectionThatDribblesItsRequestIsClosed() throws Exception {
    // a request promising 1000 bytes, sent one byte every half second: 20 s worth of bytes, far
    // more than the request timeout (3 s) and the idle timeout (10 s) allow
    boolean closedByServer = false;
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(POOL_ADDRESS, 0));
    socket.connect(new InetSocketAddress(POOL_ADDRESS, DNS_PORT), 5000);
    try (socket) {
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(new byte[] {0x03, (byte) 0xe8});
      for (int i = 0; i < 40 && !closedByServer; i++) {
        try {
          closedByServer = in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
          out.write('x');
          out.flush();
        }
      }
    } catch (IOException e) {
      closedByServer = true; // reset by the server while we wrote
    }
    assertThat(closedByServer).as("the server closed the dribbling connection").isTrue();
  }
}
