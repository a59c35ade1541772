package io.zonecast.poolmanager.dns;

import io.zonecast.model.pool.Pool;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Asks one nameserver for many zones' SOA over one UDP socket, up to {@code window} questions in
 * flight: a sync round's hundreds of thousands of questions without a socket, a selector
 * registration and a thread each ({@link SoaProbe#query} costs about five times the CPU a
 * question). Each answer is sorted as {@link SoaProbe} sorts it. A question is asked again the
 * one-at-a-time way ({@link SoaProbe#query}: TCP when truncated, each of the host's addresses in
 * turn) when its answer is truncated or does not come within the timeout. After a question went
 * unanswered no new one is sent until another answer comes; when none does (the questions in flight
 * all time out: at most one window's worth for a server that is down), the rest are asked that way
 * too, where the first that gets no answer from any address answers for all of them.
 */
public final class SoaBatchProbe {

  private static final SecureRandom IDS = new SecureRandom();
  private static final int MAX_UDP_ANSWER = 4096;

  private final HostResolver resolver;
  private final Duration timeout;
  private final int window;
  private final OneAtATime oneAtATime;

  /** How a question the batch could not settle is asked: {@link SoaProbe#query} outside tests. */
  @FunctionalInterface
  interface OneAtATime {
    SoaProbe.Answer ask(Pool.HostPort server, String zoneName);
  }

  public SoaBatchProbe(HostResolver resolver, Duration timeout, int window) {
    this(
        resolver,
        timeout,
        window,
        (server, zoneName) -> SoaProbe.query(resolver, server, zoneName, timeout));
  }

  SoaBatchProbe(HostResolver resolver, Duration timeout, int window, OneAtATime oneAtATime) {
    if (window < 1 || !timeout.isPositive()) {
      throw new IllegalArgumentException("window must be at least 1, timeout positive");
    }
    this.resolver = resolver;
    this.timeout = timeout;
    this.window = window;
    this.oneAtATime = oneAtATime;
  }

  /**
   * Each zone's answer from {@code server}, in the order of {@code zoneNames} (absolute, with the
   * trailing dot; each asked once however often it is listed).
   */
  public Map<String, SoaProbe.Answer> query(Pool.HostPort server, List<String> zoneNames) {
    Map<String, SoaProbe.Answer> answers = new LinkedHashMap<>();
    if (zoneNames.isEmpty()) {
      return answers;
    }
    List<String> unsettled = new ArrayList<>();
    try {
      InetSocketAddress address = resolver.resolve(server.host(), server.port()).getFirst();
      unsettled.addAll(new Exchange(address).run(zoneNames, answers));
    } catch (IOException e) {
      // the host does not resolve, or no socket: the one-at-a-time way says why
      zoneNames.stream().filter(z -> !answers.containsKey(z)).distinct().forEach(unsettled::add);
    }
    askOneAtATime(server, unsettled, answers);
    Map<String, SoaProbe.Answer> inOrder = new LinkedHashMap<>();
    zoneNames.forEach(zone -> inOrder.put(zone, answers.get(zone)));
    return inOrder;
  }

  private void askOneAtATime(
      Pool.HostPort server, List<String> zoneNames, Map<String, SoaProbe.Answer> answers) {
    SoaProbe.Answer down = null;
    for (String zone : zoneNames) {
      SoaProbe.Answer answer = down != null ? down : oneAtATime.ask(server, zone);
      if (answer instanceof SoaProbe.Unreachable) {
        down = answer;
      }
      answers.put(zone, answer);
    }
  }

  /** One socket's questions and answers; what it could not settle is returned. */
  private final class Exchange {
    private final InetSocketAddress address;
    private final Map<Integer, Question> inFlight = new HashMap<>();
    private final ArrayDeque<Question> bySendTime = new ArrayDeque<>();
    private final List<String> unsettled = new ArrayList<>();
    private final byte[] buffer = new byte[MAX_UDP_ANSWER];
    private int unansweredSinceLastAnswer;

    Exchange(InetSocketAddress address) {
      this.address = address;
    }

    List<String> run(List<String> zoneNames, Map<String, SoaProbe.Answer> answers)
        throws IOException {
      List<String> toAsk = zoneNames.stream().distinct().toList();
      int next = 0;
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.connect(address);
        while (next < toAsk.size() || !inFlight.isEmpty()) {
          // after a question went unanswered, none is sent until an answer shows the server is
          // there
          boolean waitingForAnAnswer = unansweredSinceLastAnswer > 0;
          while (!waitingForAnAnswer && next < toAsk.size() && inFlight.size() < window) {
            send(socket, toAsk.get(next++));
          }
          if (waitingForAnAnswer && inFlight.isEmpty()) {
            break;
          }
          receiveOrExpire(socket, answers);
        }
      } catch (PortUnreachableException e) {
        // nothing listens there: the one-at-a-time way reports it
        inFlight.values().forEach(q -> unsettled.add(q.zoneName()));
        inFlight.clear();
      }
      unsettled.addAll(toAsk.subList(next, toAsk.size()));
      return unsettled;
    }

    private void send(DatagramSocket socket, String zoneName) throws IOException {
      Message query = SoaProbe.soaQuery(zoneName);
      Name name = query.getQuestion().getName();
      int id;
      do {
        id = IDS.nextInt(0x10000);
      } while (inFlight.containsKey(id));
      query.getHeader().setID(id);
      byte[] wire = query.toWire();
      Question question = new Question(id, zoneName, name, System.nanoTime() + timeout.toNanos());
      inFlight.put(id, question);
      bySendTime.add(question);
      socket.send(new DatagramPacket(wire, wire.length));
    }

    private void receiveOrExpire(DatagramSocket socket, Map<String, SoaProbe.Answer> answers)
        throws IOException {
      expireOverdue();
      Question oldest = oldestInFlight();
      if (oldest == null) {
        return;
      }
      long waitMillis = Math.max(1, (oldest.deadline() - System.nanoTime()) / 1_000_000);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, waitMillis));
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        expireOverdue();
        return;
      }
      take(packet, answers);
    }

    /** An answer to one of the questions in flight settles it; anything else is dropped. */
    private void take(DatagramPacket packet, Map<String, SoaProbe.Answer> answers) {
      if (packet.getLength() < 12) {
        return;
      }
      int id = ((buffer[0] & 0xff) << 8) | (buffer[1] & 0xff);
      Question question = inFlight.get(id);
      if (question == null) {
        return;
      }
      Message response;
      try {
        response = new Message(Arrays.copyOf(buffer, packet.getLength()));
      } catch (IOException e) {
        return; // not DNS: dropped like any other stray datagram
      }
      if (!answers(response, question)) {
        return;
      }
      inFlight.remove(id);
      unansweredSinceLastAnswer = 0;
      if (response.getHeader().getFlag(Flags.TC)) {
        unsettled.add(question.zoneName());
      } else {
        answers.put(question.zoneName(), SoaProbe.sort(response, question.name()));
      }
    }

    private static boolean answers(Message response, Question question) {
      Record asked = response.getQuestion();
      return response.getHeader().getFlag(Flags.QR)
          && asked != null
          && asked.getType() == Type.SOA
          && asked.getDClass() == DClass.IN
          && asked.getName().equals(question.name());
    }

    private void expireOverdue() {
      long now = System.nanoTime();
      Question oldest;
      while ((oldest = oldestInFlight()) != null && oldest.deadline() - now <= 0) {
        bySendTime.poll();
        inFlight.remove(oldest.id());
        unsettled.add(oldest.zoneName());
        unansweredSinceLastAnswer++;
      }
    }

    /** The earliest sent question still in flight (answered ones are dropped from the front). */
    private Question oldestInFlight() {
      Question oldest;
      while ((oldest = bySendTime.peek()) != null && inFlight.get(oldest.id()) != oldest) {
        bySendTime.poll();
      }
      return oldest;
    }
  }

  private record Question(int id, String zoneName, Name name, long deadline) {}
}
