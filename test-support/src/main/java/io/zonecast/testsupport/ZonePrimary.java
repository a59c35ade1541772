package io.zonecast.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative primary on 127.0.0.1 (UDP and TCP, one free port; or an address and port
 * given) for backend tests that need a secondary to really transfer a zone without the whole
 * MiniDNS: it answers SOA and other queries of its zones, and AXFR and IXFR (always with the whole
 * zone, as RFC 1995 section 4 allows) over TCP; REFUSED for anything else.
 */
public final class ZonePrimary implements AutoCloseable {

  private static final long TTL = 300;

  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final Map<Name, List<Record>> zones = new ConcurrentHashMap<>();

  private ZonePrimary(ServerSocket tcp, DatagramSocket udp) {
    this.tcp = tcp;
    this.udp = udp;
  }

  public static ZonePrimary start() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return start("127.0.0.1", Bind9Secondary.freePort());
      } catch (IOException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /**
   * A primary on {@code address} (any of 127/8: Linux answers on all of them) and {@code port}:
   * e.g. a second one on the port of the first at another address, a primary that moved.
   */
  public static ZonePrimary start(String address, int port) throws IOException {
    InetAddress bound = InetAddress.getByName(address);
    if (!bound.isLoopbackAddress()) {
      throw new IllegalArgumentException(address + " is not a loopback address");
    }
    ServerSocket tcp = new ServerSocket();
    try {
      tcp.bind(new InetSocketAddress(bound, port));
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bound, port));
      ZonePrimary primary = new ZonePrimary(tcp, udp);
      Thread.ofVirtual().start(primary::acceptTcp);
      Thread.ofVirtual().start(primary::serveUdp);
      return primary;
    } catch (IOException e) {
      tcp.close();
      throw e;
    }
  }

  public int port() {
    return tcp.getLocalPort();
  }

  /**
   * Serves {@code zone} (absolute name) with this SOA serial, an NS record and A records {@code
   * www} with {@code addresses} (one RRset); replaces what it served before.
   */
  public void serve(String zone, long serial, String... addresses) throws TextParseException {
    Name origin = Name.fromString(zone);
    Name ns = Name.fromString("ns1", origin);
    List<Record> records = new ArrayList<>();
    records.add(
        new SOARecord(
            origin,
            DClass.IN,
            TTL,
            ns,
            Name.fromString("hostmaster", origin),
            serial,
            3600,
            600,
            86400,
            TTL));
    records.add(new NSRecord(origin, DClass.IN, TTL, ns));
    try {
      records.add(new ARecord(ns, DClass.IN, TTL, InetAddress.getByName("192.0.2.1")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (String address : addresses) {
      try {
        records.add(
            new ARecord(
                Name.fromString("www", origin), DClass.IN, TTL, InetAddress.getByName(address)));
      } catch (IOException e) {
        throw new IllegalArgumentException("not an IP address: " + address, e);
      }
    }
    zones.put(origin, List.copyOf(records));
  }

  private void acceptTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket client = tcp.accept();
        Thread.ofVirtual().start(() -> serveTcp(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serveTcp(Socket client) {
    try (client;
        DataInputStream in = new DataInputStream(client.getInputStream());
        DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
      while (true) {
        byte[] request = new byte[in.readUnsignedShort()];
        in.readFully(request);
        byte[] response = answer(new Message(request), true).toWire(65535);
        out.writeShort(response.length);
        out.write(response);
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection, or sent no DNS message
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[4096];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        byte[] request = Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] response = answer(new Message(request), false).toWire(512);
        udp.send(
            new DatagramPacket(response, response.length, packet.getAddress(), packet.getPort()));
      } catch (IOException e) {
        if (udp.isClosed()) {
          return;
        }
      }
    }
  }

  private Message answer(Message query, boolean tcp) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    Record question = query.getQuestion();
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    List<Record> zone = zones.get(question.getName());
    List<Record> records = zone == null ? zoneOf(question.getName()) : zone;
    if (records == null) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response;
    }
    response.getHeader().setFlag(Flags.AA);
    int type = question.getType();
    if (type == Type.AXFR || type == Type.IXFR) {
      if (!tcp || zone == null) {
        response.getHeader().setRcode(Rcode.REFUSED);
        return response;
      }
      List<Record> transfer = new ArrayList<>(zone);
      transfer.add(zone.getFirst());
      transfer.forEach(r -> response.addRecord(r, Section.ANSWER));
      return response;
    }
    records.stream()
        .filter(r -> r.getName().equals(question.getName()) && r.getType() == type)
        .forEach(r -> response.addRecord(r, Section.ANSWER));
    return response;
  }

  /** The records of the zone {@code name} lies in, or null when it is in none of them. */
  private List<Record> zoneOf(Name name) {
    for (Map.Entry<Name, List<Record>> zone : zones.entrySet()) {
      if (name.subdomain(zone.getKey())) {
        return zone.getValue();
      }
    }
    return null;
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
