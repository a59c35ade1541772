package io.zonecast.minidns.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.xbill.DNS.Message;

/**
 * A UDP DNS server on loopback whose answers a test scripts: given the n-th request (1-based), the
 * answer to send, or null to stay silent. Records every request it received.
 */
public final class ScriptedDnsServer implements AutoCloseable {

  private final DatagramSocket socket;
  private final List<Message> received = new CopyOnWriteArrayList<>();

  public ScriptedDnsServer(BiFunction<Integer, Message, Message> script) throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofPlatform()
        .daemon()
        .start(() -> {
          byte[] buffer = new byte[65_535];
          while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
              socket.receive(packet);
              Message request =
                  new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
              received.add(request);
              Message answer = script.apply(received.size(), request);
              if (answer != null) {
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
              }
            } catch (IOException e) {
              // closed, or a packet that does not parse: go on until closed
            }
          }
        });
  }

  public String destination() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  public List<Message> received() {
    return received;
  }

  @Override
  public void close() {
    socket.close();
  }
}
