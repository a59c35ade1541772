package io.zonecast.minidns.server;

import io.zonecast.minidns.dispatch.DnsDispatcher;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.system.MiniDnsProperties;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * DNS over UDP: one receiving thread, each query answered on a virtual thread. At most {@code
 * maxUdpInFlight} queries are answered at once; beyond that packets are dropped and the client
 * retries, so a flood cannot exhaust memory.
 */
@Component
class UdpServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UdpServer.class);
  private static final int MAX_QUERY = 65_535;

  private final DnsDispatcher dispatcher;
  private final MiniDnsProperties properties;
  private final Semaphore inFlight;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile DatagramSocket socket;

  UdpServer(DnsDispatcher dispatcher, MiniDnsProperties properties) {
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.inFlight = new Semaphore(properties.maxUdpInFlight());
  }

  @Override
  public void start() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(properties.host(), properties.port()));
      socket.setReceiveBufferSize(4 * 1024 * 1024);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on UDP "
              + properties.host()
              + ":"
              + properties.port()
              + ": "
              + e.getMessage(),
          e);
    }
    Thread.ofPlatform().name("dns-udp").daemon().start(this::receive);
    log.info("MiniDNS listening on UDP {}:{}", properties.host(), properties.port());
  }

  private void receive() {
    DatagramSocket s = socket;
    byte[] buffer = new byte[MAX_QUERY];
    while (!s.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        s.receive(packet);
      } catch (IOException e) {
        if (!s.isClosed()) {
          log.warn("UDP receive failed: {}", e.toString());
        }
        continue;
      }
      if (!inFlight.tryAcquire()) {
        continue;
      }
      byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
      SocketAddress client = packet.getSocketAddress();
      try {
        workers.execute(() -> answer(s, query, client));
      } catch (RuntimeException e) {
        // the executor is shut down: we are stopping
        inFlight.release();
      }
    }
  }

  private void answer(DatagramSocket s, byte[] query, SocketAddress client) {
    try {
      dispatcher.handle(
          query,
          Transport.UDP,
          (InetSocketAddress) client,
          wire -> s.send(new DatagramPacket(wire, wire.length, client)));
    } finally {
      inFlight.release();
    }
  }

  @Override
  public void stop() {
    if (socket != null) {
      socket.close();
    }
    workers.shutdown();
  }

  @Override
  public boolean isRunning() {
    return socket != null && !socket.isClosed();
  }
}
