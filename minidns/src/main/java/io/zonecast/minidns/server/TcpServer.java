package io.zonecast.minidns.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonecast.minidns.dispatch.DnsDispatcher;
import io.zonecast.minidns.protocol.ResponseSink;
import io.zonecast.minidns.protocol.SourcePolicy;
import io.zonecast.minidns.protocol.SourcePolicy.Standing;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.server.ConnectionSlots.Slot;
import io.zonecast.minidns.system.MiniDnsProperties;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * DNS over TCP (RFC 7766): two-byte length framing, several queries per connection answered in
 * order (section 6.2.1), a virtual thread per connection.
 *
 * <p>Every connection is accepted at once and judged on its own thread, so a flood of connections
 * never keeps the pool's secondaries waiting in the backlog: a stranger's ({@link SourcePolicy}) is
 * closed at once; the others take a slot of {@link ConnectionSlots} or are closed (RFC 7766 6.2.2).
 * A connection must send a whole request within {@code tcpRequestTimeout} of connecting, or of the
 * first byte of a later request, and may wait {@code tcpIdleTimeout} between requests (section
 * 6.2.3), so silent or dribbling clients give their slot back quickly.
 */
@Component
class TcpServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

  /** The two-byte length prefix (RFC 1035 4.2.2, RFC 7766 8) caps a message at this size. */
  private static final int MAX_MESSAGE = 65_535;

  private final DnsDispatcher dispatcher;
  private final SourcePolicy sources;
  private final MiniDnsProperties properties;
  private final MeterRegistry meters;
  private final ConnectionSlots slots;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile ServerSocket server;

  TcpServer(
      DnsDispatcher dispatcher,
      SourcePolicy sources,
      MiniDnsProperties properties,
      MeterRegistry meters) {
    this.dispatcher = dispatcher;
    this.sources = sources;
    this.properties = properties;
    this.meters = meters;
    this.slots =
        new ConnectionSlots(
            properties.maxTcpConnections(),
            properties.tcpReservedForPool(),
            properties.maxTcpConnectionsPerSource());
  }

  @Override
  public void start() {
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(properties.host(), properties.port()), 512);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on TCP "
              + properties.host()
              + ":"
              + properties.port()
              + ": "
              + e.getMessage(),
          e);
    }
    Thread.ofPlatform().name("dns-tcp-accept").daemon().start(this::accept);
    log.info("MiniDNS listening on TCP {}:{}", properties.host(), properties.port());
  }

  private void accept() {
    ServerSocket s = server;
    while (!s.isClosed()) {
      Socket socket;
      try {
        socket = s.accept();
      } catch (IOException e) {
        if (!s.isClosed()) {
          log.warn("TCP accept failed: {}", e.toString());
        }
        continue;
      }
      long acceptedAt = System.nanoTime();
      try {
        workers.execute(() -> admit(socket, acceptedAt));
      } catch (RejectedExecutionException e) {
        close(socket); // we are stopping
      }
    }
  }

  private void admit(Socket socket, long acceptedAt) {
    InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
    Standing standing;
    try {
      standing = sources.standing(client.getAddress());
    } catch (RuntimeException e) {
      log.warn("cannot judge TCP connection from {}: {}", client, e.toString());
      close(socket);
      return;
    }
    Optional<Slot> slot =
        standing == Standing.STRANGER
            ? Optional.empty()
            : slots.take(client.getAddress(), standing == Standing.POOL);
    if (slot.isEmpty()) {
      String reason = standing == Standing.STRANGER ? "stranger" : "limit";
      meters.counter("zonecast.minidns.tcp.refused", "reason", reason).increment();
      log.debug("TCP connection from {} closed at once: {}", client, reason);
      close(socket);
      return;
    }
    try (Slot taken = slot.get()) {
      serve(socket, client, acceptedAt);
    }
  }

  private void serve(Socket socket, InetSocketAddress client, long acceptedAt) {
    long requestNanos = properties.tcpRequestTimeout().toNanos();
    int idleMillis = (int) properties.tcpIdleTimeout().toMillis();
    Delivered delivered = new Delivered();
    try (socket) {
      socket.setTcpNoDelay(true);
      PushbackInputStream in = new PushbackInputStream(socket.getInputStream(), 1);
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65_537));
      long deadline = acceptedAt + requestNanos;
      while (true) {
        byte[] prefix = new byte[2];
        if (!read(socket, in, prefix, deadline)) {
          return;
        }
        byte[] query = new byte[((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff)];
        if (!read(socket, in, query, deadline)) {
          return;
        }
        dispatcher.handle(query, Transport.TCP, client, sink(out, delivered));
        // the next request may start within the idle timeout; then all of it must come soon
        socket.setSoTimeout(idleMillis);
        int first;
        try {
          first = in.read();
        } catch (SocketTimeoutException e) {
          return; // idle: RFC 7766 6.2.3 lets the server close
        } finally {
          delivered.run();
        }
        if (first < 0) {
          return;
        }
        in.unread(first);
        deadline = System.nanoTime() + requestNanos;
      }
    } catch (SocketTimeoutException e) {
      timedOut(client);
    } catch (IOException e) {
      log.debug("TCP connection from {} ended: {}", client, e.toString());
    } finally {
      delivered.run();
    }
  }

  private static ResponseSink sink(DataOutputStream out, Delivered delivered) {
    return new ResponseSink() {
      @Override
      public void send(byte[] wire) throws IOException {
        if (wire.length > MAX_MESSAGE) {
          throw new IOException("answer of " + wire.length + " bytes does not fit TCP framing");
        }
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }

      @Override
      public void afterDelivery(Runnable action) {
        delivered.actions.add(action);
      }
    };
  }

  /**
   * What waits for the client to have taken an answer: run when it sends its next request or the
   * connection ends, however it ends.
   */
  private static final class Delivered {
    private final List<Runnable> actions = new ArrayList<>();

    void run() {
      List<Runnable> due = List.copyOf(actions);
      actions.clear();
      for (Runnable action : due) {
        try {
          action.run();
        } catch (RuntimeException e) {
          log.warn("after an answer was delivered: {}", e.toString());
        }
      }
    }
  }

  /**
   * Fills {@code buffer} before {@code deadline} (System.nanoTime); false at the end of the stream.
   *
   * @throws SocketTimeoutException when the deadline passes first
   */
  private static boolean read(Socket socket, InputStream in, byte[] buffer, long deadline)
      throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new SocketTimeoutException("request not complete in time");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        return false;
      }
      filled += n;
    }
    return true;
  }

  private void timedOut(InetSocketAddress client) {
    meters.counter("zonecast.minidns.tcp.timeouts").increment();
    log.debug("TCP connection from {} closed: no complete request in time", client);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing a TCP connection: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      log.debug("closing the TCP listener: {}", e.toString());
    }
    workers.shutdown();
  }

  @Override
  public boolean isRunning() {
    return server != null && !server.isClosed();
  }
}
