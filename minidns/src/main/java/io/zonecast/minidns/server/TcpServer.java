package io.zonecast.minidns.server;

import io.zonecast.minidns.protocol.DnsDispatcher;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.system.MiniDnsProperties;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * DNS over TCP (RFC 7766): two-byte length framing, several queries per connection answered in
 * order (section 6.2.1), a virtual thread per connection, at most {@code maxTcpConnections} at
 * once, and an idle timeout (section 6.2.3) so a slow or silent client cannot hold a connection
 * forever.
 */
@Component
class TcpServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

  /** The two-byte length prefix (RFC 1035 4.2.2, RFC 7766 8) caps a message at this size. */
  private static final int MAX_MESSAGE = 65_535;

  private final DnsDispatcher dispatcher;
  private final MiniDnsProperties properties;
  private final Semaphore connections;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile ServerSocket server;

  TcpServer(DnsDispatcher dispatcher, MiniDnsProperties properties) {
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.connections = new Semaphore(properties.maxTcpConnections());
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
      try {
        connections.acquire();
        Socket socket = s.accept();
        workers.execute(() -> serve(socket));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        connections.release();
        if (!s.isClosed()) {
          log.warn("TCP accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket socket) {
    InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
    try (socket) {
      socket.setSoTimeout((int) properties.tcpIdleTimeout().toMillis());
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65_537));
      while (true) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return;
        }
        byte[] query = new byte[length];
        in.readFully(query);
        dispatcher.handle(
            query,
            Transport.TCP,
            client,
            wire -> {
              if (wire.length > MAX_MESSAGE) {
                throw new IOException(
                    "answer of " + wire.length + " bytes does not fit TCP framing");
              }
              out.writeShort(wire.length);
              out.write(wire);
              out.flush();
            });
      }
    } catch (IOException e) {
      log.debug("TCP connection from {} ended: {}", client, e.toString());
    } finally {
      connections.release();
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
