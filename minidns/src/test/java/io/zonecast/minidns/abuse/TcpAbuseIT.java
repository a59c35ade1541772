package io.zonecast.minidns.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.minidns.MiniDnsTestProperties;
import io.zonecast.minidns.PoolsFiles;
import io.zonecast.minidns.testing.ZoneRows;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The abuse of issue 16 finding 7, against a real PostgreSQL: 1,000 idle TCP connections from 100
 * loopback sources (127.0.0.2 to 127.0.0.101; Linux lets any 127/8 address be a source), topped up
 * as the server closes them, while the pool's server (127.0.0.1, the pools file's target) sends SOA
 * queries over TCP and UDP and transfers the zone. Loopback is allowed to query here (allow-query
 * 127.0.0.0/8), so the idle connections are accepted and only the connection limits and the request
 * timeout keep them from the pool: every query and the transfer must be answered.
 */
// the database is dropped after the class: close the context too, or its heartbeat logs failures
// (with stack traces) into the tests that run after it
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TcpAbuseIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_tcp_abuse_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final Path POOLS = PoolsFiles.targetOnLoopback(DNS_PORT);
  static final int IDLE_CONNECTIONS = 1000;
  static final int SOURCES = 100;
  static final int QUERIES = 15;
  static final int ZONE_RECORDS = 2000;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    registry.add("zonecast.minidns.pools-file", POOLS::toString);
    registry.add("zonecast.minidns.allow-query", () -> "127.0.0.0/8");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;

  /** Idle connections kept open: each source thread reconnects half a second after a close. */
  static final class IdleConnections implements AutoCloseable {
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    volatile boolean stopped;

    void start() {
      for (int i = 0; i < IDLE_CONNECTIONS; i++) {
        InetAddress source = SourceAccessIT.address("127.0.0." + (2 + i % SOURCES));
        threads.execute(() -> hold(source));
      }
    }

    private void hold(InetAddress source) {
      while (!stopped) {
        Socket socket = new Socket();
        open.add(socket);
        try (socket) {
          socket.bind(new InetSocketAddress(source, 0));
          socket.connect(new InetSocketAddress("127.0.0.1", DNS_PORT), 2000);
          connected.incrementAndGet();
          if (socket.getInputStream().read() < 0 && !stopped) {
            closedByServer.incrementAndGet();
          }
        } catch (IOException e) {
          if (!stopped) {
            closedByServer.incrementAndGet(); // reset, or the connect timed out in a full backlog
          }
        } finally {
          open.remove(socket);
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      open.forEach(socket -> {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      });
      threads.shutdownNow();
      threads.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  static Message soa(ZoneRef zone, boolean tcp) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
    resolver.setPort(DNS_PORT);
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(zone.name()), Type.SOA, DClass.IN)));
  }

  static long served(Message answer) {
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    return ((SOARecord) answer.getSection(Section.ANSWER).getFirst()).getSerial();
  }

  @Test
  void aThousandIdleConnectionsDoNotKeepThePoolFromQueryingAndTransferring() throws Exception {
    ZoneRows rows = new ZoneRows(jdbc);
    ZoneRef zone = rows.zone("abuse", UUID.randomUUID(), 42);
    for (int i = 0; i < ZONE_RECORDS; i++) {
      rows.recordset(zone.id(), "h" + i + "." + zone.name(), "A", "192.0.2." + (i % 250 + 1));
    }

    try (IdleConnections idle = new IdleConnections();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      idle.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> idle.connected.get() >= IDLE_CONNECTIONS);

      List<Future<Long>> tcp = new ArrayList<>();
      List<Future<Long>> udp = new ArrayList<>();
      for (int i = 0; i < QUERIES; i++) {
        tcp.add(pool.submit(() -> served(soa(zone, true))));
        udp.add(pool.submit(() -> served(soa(zone, false))));
      }
      Future<Integer> axfr =
          pool.submit(() -> {
            ZoneTransferIn transfer =
                ZoneTransferIn.newAXFR(Name.fromString(zone.name()), "127.0.0.1", DNS_PORT, null);
            transfer.setTimeout(Duration.ofSeconds(20));
            transfer.run();
            return transfer.getAXFR().size();
          });

      for (Future<Long> answer : tcp) {
        assertThat(answer.get(30, TimeUnit.SECONDS)).as("a TCP SOA answer").isEqualTo(42);
      }
      for (Future<Long> answer : udp) {
        assertThat(answer.get(30, TimeUnit.SECONDS)).as("a UDP SOA answer").isEqualTo(42);
      }
      // SOA, NS, www A, the records, SOA
      assertThat(axfr.get(60, TimeUnit.SECONDS)).isEqualTo(ZONE_RECORDS + 4);
      assertThat(idle.closedByServer.get())
          .as("the server closed idle connections rather than hold them")
          .isPositive();
    }
  }
}
