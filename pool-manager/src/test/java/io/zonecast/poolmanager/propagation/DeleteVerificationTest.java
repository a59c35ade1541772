package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostResolver;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

class DeleteVerificationTest {

  static final ZoneRef ZONE = new ZoneRef(UUID.randomUUID(), "gone.example.", UUID.randomUUID(), 7);

  final DeleteVerification verification =
      new DeleteVerification(PropagationInputs.settings(), HostResolver.systemDefault());

  /**
   * A nameserver that serves the zone for its first {@code servedAnswers} queries, then refuses.
   */
  static final class Nameserver implements AutoCloseable {
    final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    final AtomicInteger queries = new AtomicInteger();

    Nameserver(int servedAnswers) throws Exception {
      Thread.ofPlatform()
          .daemon()
          .start(() -> {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
              try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(packet.getData());
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.addRecord(query.getQuestion(), Section.QUESTION);
                if (queries.incrementAndGet() <= servedAnswers) {
                  answer.getHeader().setFlag(Flags.AA);
                  Name zone = query.getQuestion().getName();
                  answer.addRecord(
                      new SOARecord(zone, DClass.IN, 60, zone, zone, 7, 1, 1, 1, 1),
                      Section.ANSWER);
                } else {
                  answer.getHeader().setRcode(Rcode.REFUSED);
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
              } catch (Exception e) {
                return;
              }
            }
          });
    }

    Pool.HostPort address() {
      return new Pool.HostPort("127.0.0.1", socket.getLocalPort());
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  Nameserver first;
  Nameserver second;

  @AfterEach
  void stop() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  static Pool pool(Pool.HostPort... nameservers) {
    return PropagationInputs.pool(List.of(nameservers), List.of());
  }

  @Test
  void aDeleteIsConfirmedOnceEveryNameserverRefusesTheZone() throws Exception {
    first = new Nameserver(0);
    second = new Nameserver(3);

    assertThat(verification.stillServing(pool(first.address(), second.address()), ZONE)).isEmpty();
    assertThat(second.queries.get()).isGreaterThan(3);
  }

  @Test
  void aNameserverStillServingTheZoneIsNamedWithItsSerial() throws Exception {
    first = new Nameserver(0);
    second = new Nameserver(Integer.MAX_VALUE);

    assertThat(verification.stillServing(pool(first.address(), second.address()), ZONE))
        .singleElement()
        .asString()
        .contains(second.address().toString())
        .contains("still serves it (serial 7)");
  }
}
