package io.zonecast.poolmanager.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.pool.Pool;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The batch against a nameserver on a loopback UDP socket in this JVM, answering as told. */
class SoaBatchProbeTest {

  private final List<String> askedOneAtATime = new CopyOnWriteArrayList<>();
  private FakeNameserver server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eachZonesAnswerIsSortedAndKeptInTheOrderAsked() throws Exception {
    server =
        new FakeNameserver(q ->
            switch (q.getQuestion().getName().toString()) {
              case "refused.test." -> List.of(answer(q, Rcode.REFUSED));
              case "broken.test." -> List.of(answer(q, Rcode.SERVFAIL));
              default -> List.of(soa(q, 7));
            });
    List<String> zones = List.of("b.test.", "refused.test.", "a.test.", "broken.test.");

    Map<String, SoaProbe.Answer> answers = probe(20, Duration.ofSeconds(2)).query(at(), zones);

    assertThat(answers.keySet()).containsExactlyElementsOf(zones);
    assertThat(answers)
        .containsEntry("b.test.", new SoaProbe.Serves(7))
        .containsEntry("a.test.", new SoaProbe.Serves(7))
        .containsEntry("refused.test.", new SoaProbe.Missing("REFUSED"))
        .containsEntry("broken.test.", new SoaProbe.Failing("SERVFAIL"));
    assertThat(askedOneAtATime).isEmpty();
  }

  @Test
  void manyMoreZonesThanTheWindowAreAllAnsweredOverOneSocket() throws Exception {
    server = new FakeNameserver(q -> List.of(soa(q, 3)));
    List<String> zones = IntStream.range(0, 1_000).mapToObj(i -> "z" + i + ".test.").toList();

    Map<String, SoaProbe.Answer> answers = probe(5, Duration.ofSeconds(2)).query(at(), zones);

    assertThat(answers)
        .hasSize(1_000)
        .allSatisfy((zone, answer) -> assertThat(answer).isEqualTo(new SoaProbe.Serves(3)));
    assertThat(server.sources()).hasSize(1);
    assertThat(askedOneAtATime).isEmpty();
  }

  @Test
  void aQuestionWithoutAnAnswerInTimeOrWithATruncatedOneIsAskedOneAtATime() throws Exception {
    server =
        new FakeNameserver(q ->
            switch (q.getQuestion().getName().toString()) {
              case "dropped.test." -> List.of();
              case "big.test." -> {
                Message truncated = answer(q, Rcode.NOERROR);
                truncated.getHeader().setFlag(Flags.TC);
                yield List.of(truncated);
              }
              default -> List.of(soa(q, 1));
            });

    Map<String, SoaProbe.Answer> answers =
        probe(20, Duration.ofMillis(300))
            .query(at(), List.of("a.test.", "dropped.test.", "big.test.", "c.test."));

    assertThat(askedOneAtATime).containsExactlyInAnyOrder("dropped.test.", "big.test.");
    assertThat(answers)
        .containsEntry("a.test.", new SoaProbe.Serves(1))
        .containsEntry("c.test.", new SoaProbe.Serves(1))
        .containsEntry("dropped.test.", new SoaProbe.Serves(99))
        .containsEntry("big.test.", new SoaProbe.Serves(99));
  }

  @Test
  void anAnswerToAnotherQuestionIsIgnoredAndTheRightOneTaken() throws Exception {
    server =
        new FakeNameserver(q -> {
          Message wrongName = soa(q, 5);
          wrongName.removeAllRecords(Section.QUESTION);
          wrongName.addRecord(
              Record.newRecord(Name.fromConstantString("other.test."), Type.SOA, DClass.IN),
              Section.QUESTION);
          Message wrongId = soa(q, 6);
          wrongId.getHeader().setID((q.getHeader().getID() + 1) & 0xffff);
          return List.of(wrongName, wrongId, soa(q, 8));
        });

    Map<String, SoaProbe.Answer> answers =
        probe(1, Duration.ofSeconds(2)).query(at(), List.of("a.test."));

    assertThat(answers).containsEntry("a.test.", new SoaProbe.Serves(8));
    assertThat(askedOneAtATime).isEmpty();
  }

  @Test
  void aSilentServerGetsOneWindowOfQuestionsAndIsThenUnreachableForAll() throws Exception {
    server = new FakeNameserver(q -> List.of());
    List<String> zones = IntStream.range(0, 50).mapToObj(i -> "z" + i + ".test.").toList();
    SoaProbe.Answer down = new SoaProbe.Unreachable("127.0.0.1: timed out");

    Map<String, SoaProbe.Answer> answers =
        probe(
                4,
                Duration.ofMillis(200),
                (s, zone) -> {
                  askedOneAtATime.add(zone);
                  return down;
                })
            .query(at(), zones);

    assertThat(server.questions()).hasValue(4);
    assertThat(askedOneAtATime).containsExactly("z0.test.");
    assertThat(answers)
        .hasSize(50)
        .allSatisfy((zone, answer) -> assertThat(answer).isEqualTo(down));
  }

  @Test
  void nothingListeningIsLeftToTheOneAtATimeWay() throws Exception {
    int closedPort;
    try (DatagramSocket unused = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closedPort = unused.getLocalPort();
    }

    Map<String, SoaProbe.Answer> answers =
        probe(20, Duration.ofSeconds(1))
            .query(new Pool.HostPort("127.0.0.1", closedPort), List.of("a.test.", "b.test."));

    assertThat(askedOneAtATime).containsExactlyInAnyOrder("a.test.", "b.test.");
    assertThat(answers).containsOnlyKeys("a.test.", "b.test.");
  }

  private SoaBatchProbe probe(int window, Duration timeout) {
    return probe(
        window,
        timeout,
        (s, zone) -> {
          askedOneAtATime.add(zone);
          return new SoaProbe.Serves(99);
        });
  }

  private static SoaBatchProbe probe(
      int window, Duration timeout, SoaBatchProbe.OneAtATime oneAtATime) {
    return new SoaBatchProbe(HostResolver.systemDefault(), timeout, window, oneAtATime);
  }

  private Pool.HostPort at() {
    return new Pool.HostPort("127.0.0.1", server.port());
  }

  private static Message answer(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(rcode);
    response.addRecord(query.getQuestion(), Section.QUESTION);
    return response;
  }

  private static Message soa(Message query, long serial) {
    Message response = answer(query, Rcode.NOERROR);
    Name zone = query.getQuestion().getName();
    response.addRecord(
        new SOARecord(
            zone,
            DClass.IN,
            300,
            Name.fromConstantString("ns1.test."),
            Name.fromConstantString("admin.test."),
            serial,
            3600,
            600,
            86400,
            300),
        Section.ANSWER);
    return response;
  }

  /** Answers each question with the messages {@code answers} gives (none: silence). */
  private static final class FakeNameserver implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger questions = new AtomicInteger();
    private final List<Integer> sources = new CopyOnWriteArrayList<>();

    FakeNameserver(Function<Message, List<Message>> answers) throws SocketException {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      thread = Thread.ofPlatform().daemon().start(() -> serve(answers));
    }

    private void serve(Function<Message, List<Message>> answers) {
      byte[] buffer = new byte[512];
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          questions.incrementAndGet();
          if (!sources.contains(packet.getPort())) {
            sources.add(packet.getPort());
          }
          Message query = new Message(Arrays.copyOf(buffer, packet.getLength()));
          for (Message response : answers.apply(query)) {
            byte[] wire = response.toWire();
            socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
          }
        } catch (IOException e) {
          return;
        }
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    AtomicInteger questions() {
      return questions;
    }

    List<Integer> sources() {
      return new ArrayList<>(sources);
    }

    @Override
    public void close() {
      socket.close();
      thread.interrupt();
    }
  }
}
