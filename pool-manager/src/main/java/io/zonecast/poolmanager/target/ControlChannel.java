package io.zonecast.poolmanager.target;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BIND9's control channel, spoken directly: what the {@code rndc} program sends, without starting a
 * process for each call (a process costs about ten times the CPU of the call itself). A connection
 * starts with a {@code null} request that BIND answers with a nonce; every command on it carries
 * that nonce. Unlike the rndc program, which sends one command per connection, connections are kept
 * open and used again (BIND reads commands from a connection until it closes: lib/isccc,
 * bin/named/controlconf.c), so a burst of addzones costs one command each, not a connection, a
 * nonce exchange and a command. Messages are ISCCC tables (BIND's lib/isccc): version 1, an {@code
 * _auth} table holding the HMAC (base64) of everything after it, then {@code _ctrl} (serial, time,
 * expiry, nonce) and {@code _data} (the command as {@code type}). The HMAC-SHA family is supported;
 * for hmac-md5 keys the rndc program is used.
 */
final class ControlChannel {

  private static final byte BINARY = 0x01;
  private static final byte TABLE = 0x02;
  private static final int SIGNATURE_LENGTH = 88;
  // rndc starts its serials at a random number too (bin/rndc/rndc.c: isc_random32())
  private static final AtomicLong SERIAL =
      new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xffffffffL);
  private static final Pattern KEY =
      Pattern.compile(
          "key\\s+\"?([^\"\\s{]+)\"?\\s*\\{(.*?)\\}\\s*;",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern ALGORITHM =
      Pattern.compile("algorithm\\s+\"?([a-z0-9-]+)\"?\\s*;", Pattern.CASE_INSENSITIVE);
  private static final Pattern SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"\\s*;");

  /** A control channel key as rndc-confgen writes it. */
  record Key(String name, String algorithm, int code, String macName, byte[] secret) {

    private static final Map<String, Integer> CODES =
        Map.of(
            "hmac-sha1", 161,
            "hmac-sha224", 162,
            "hmac-sha256", 163,
            "hmac-sha384", 164,
            "hmac-sha512", 165);

    /** The first key of a key file, if its algorithm is one this channel speaks. */
    static Optional<Key> read(Path file) throws IOException {
      Matcher key = KEY.matcher(Files.readString(file));
      if (!key.find()) {
        throw new IOException("no key clause in " + file);
      }
      Matcher algorithm = ALGORITHM.matcher(key.group(2));
      Matcher secret = SECRET.matcher(key.group(2));
      if (!algorithm.find() || !secret.find()) {
        throw new IOException(
            "key " + key.group(1) + " in " + file + " has no algorithm or secret");
      }
      String name = algorithm.group(1).toLowerCase(Locale.ROOT);
      Integer code = CODES.get(name);
      if (code == null) {
        return Optional.empty();
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(secret.group(1));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            "the secret of key " + key.group(1) + " in " + file + " is not base64");
      }
      String mac = "Hmac" + name.substring("hmac-".length()).toUpperCase(Locale.ROOT);
      return Optional.of(new Key(key.group(1), name, code, mac, bytes));
    }
  }

  /** What BIND answered: its result code (0 is success) and its text and error text. */
  record Answer(int result, String text, String error) {}

  /** Connections kept open for the next calls; more at once are closed after their call. */
  private static final int MAX_IDLE = 8;

  /** A connection idle longer is closed rather than used (BIND may have dropped it). */
  private static final Duration IDLE_LIMIT = Duration.ofSeconds(20);

  private final InetSocketAddress server;
  private final Key key;
  private final Clock clock;
  private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicLong opened = new AtomicLong();

  /** {@code clock} stamps each message's time and expiry, which BIND checks against its own. */
  ControlChannel(InetSocketAddress server, Key key, Clock clock) {
    this.server = server;
    this.key = key;
    this.clock = clock;
  }

  /**
   * Runs one command, e.g. {@code addzone example.org { type secondary; ... };}, on an idle
   * connection when there is one, else on a new one. A kept connection BIND has closed meanwhile
   * fails at once; the command then goes once more on a new connection (every command zonecast
   * sends can be repeated: addzone and delzone count "exists" and "not found" as done).
   */
  Answer call(String command, Duration timeout) throws IOException {
    Connection kept;
    while ((kept = idle.pollFirst()) != null) {
      if (kept.fresh()) {
        try {
          return callOn(kept, command, timeout);
        } catch (IOException e) {
          // closed by BIND while it waited here: try a new connection
          break;
        }
      }
      kept.close();
    }
    return callOn(open(timeout), command, timeout);
  }

  private Answer callOn(Connection connection, String command, Duration timeout)
      throws IOException {
    try {
      Answer answer = connection.call(command, timeout);
      release(connection);
      return answer;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private void release(Connection connection) {
    connection.usedAt = System.nanoTime();
    if (idle.size() < MAX_IDLE) {
      idle.addFirst(connection);
    } else {
      connection.close();
    }
  }

  /** A new connection with its nonce. */
  private Connection open(Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      int millis = millis(timeout);
      socket.connect(server, millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      opened.incrementAndGet();
      Connection connection = new Connection(socket);
      connection.send(message("null", null, connection.mac));
      Map<String, Object> greeting = connection.receive();
      String nonce = text(table(greeting, "_ctrl").get("_nonce"));
      if (nonce == null) {
        throw new IOException("BIND at " + server + " sent no nonce (wrong key?)");
      }
      connection.nonce = nonce;
      return connection;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  Key key() {
    return key;
  }

  /** Connections opened so far (for tests and diagnostics). */
  long connectionsOpened() {
    return opened.get();
  }

  /** Closes the idle connections. */
  void closeIdle() {
    Connection connection;
    while ((connection = idle.pollFirst()) != null) {
      connection.close();
    }
  }

  private static int millis(Duration timeout) {
    return (int) Math.max(1, timeout.toMillis());
  }

  /** One TCP connection to BIND, used by one caller at a time. */
  private final class Connection {
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Mac mac;
    private String nonce;
    private long usedAt;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
      this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      this.mac = newMac();
    }

    Answer call(String command, Duration timeout) throws IOException {
      socket.setSoTimeout(millis(timeout));
      send(message(command, nonce, mac));
      Map<String, Object> data = table(receive(), "_data");
      String result = text(data.get("result"));
      return new Answer(
          result == null ? 0 : Integer.parseInt(result.trim()),
          Optional.ofNullable(text(data.get("text"))).orElse(""),
          Optional.ofNullable(text(data.get("err"))).orElse(""));
    }

    boolean fresh() {
      return System.nanoTime() - usedAt < IDLE_LIMIT.toNanos() && !socket.isClosed();
    }

    void send(byte[] message) throws IOException {
      out.writeInt(message.length);
      out.write(message);
      out.flush();
    }

    Map<String, Object> receive() throws IOException {
      int length = in.readInt();
      if (length < 4 || length > 1 << 24) {
        throw new IOException("control channel message of " + length + " bytes");
      }
      byte[] message = new byte[length];
      in.readFully(message);
      return parseTable(message, 4, length);
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a connection nobody uses any more: nothing to do
      }
    }
  }

  private byte[] message(String command, String nonce, Mac mac) throws IOException {
    long now = clock.instant().getEpochSecond();
    ByteArrayOutputStream ctrl = new ByteArrayOutputStream();
    entry(ctrl, "_ser", binary(String.valueOf(SERIAL.incrementAndGet())));
    entry(ctrl, "_tim", binary(String.valueOf(now)));
    entry(ctrl, "_exp", binary(String.valueOf(now + 60)));
    if (nonce != null) {
      entry(ctrl, "_nonce", binary(nonce));
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    entry(data, "type", binary(command));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    entry(body, "_ctrl", table(ctrl.toByteArray()));
    entry(body, "_data", table(data.toByteArray()));
    byte[] signed = body.toByteArray();

    byte[] signature = new byte[1 + SIGNATURE_LENGTH];
    signature[0] = (byte) key.code();
    byte[] digest = Base64.getEncoder().encode(mac.doFinal(signed));
    System.arraycopy(digest, 0, signature, 1, digest.length);
    ByteArrayOutputStream auth = new ByteArrayOutputStream();
    entry(auth, "hsha", value(BINARY, signature));

    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new DataOutputStream(wire).writeInt(1);
    entry(wire, "_auth", table(auth.toByteArray()));
    wire.write(signed);
    return wire.toByteArray();
  }

  private Mac newMac() throws IOException {
    try {
      Mac mac = Mac.getInstance(key.macName());
      mac.init(new SecretKeySpec(key.secret(), key.macName()));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign with " + key.algorithm() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> parseTable(byte[] bytes, int from, int to) throws IOException {
    Map<String, Object> table = new LinkedHashMap<>();
    int at = from;
    while (at < to) {
      int keyLength = bytes[at++] & 0xFF;
      String name = new String(bytes, at, keyLength, StandardCharsets.US_ASCII);
      at += keyLength;
      if (at + 5 > to) {
        throw new IOException("truncated control channel message");
      }
      byte type = bytes[at++];
      int length =
          ((bytes[at] & 0xFF) << 24)
              | ((bytes[at + 1] & 0xFF) << 16)
              | ((bytes[at + 2] & 0xFF) << 8)
              | (bytes[at + 3] & 0xFF);
      at += 4;
      if (length < 0 || at + length > to) {
        throw new IOException("truncated control channel message");
      }
      table.put(
          name,
          type == TABLE
              ? parseTable(bytes, at, at + length)
              : new String(bytes, at, length, StandardCharsets.UTF_8));
      at += length;
    }
    return table;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> table(Map<String, Object> message, String name) {
    return message.get(name) instanceof Map<?, ?> table ? (Map<String, Object>) table : Map.of();
  }

  private static String text(Object value) {
    return value instanceof String text ? text.replace("\0", "") : null;
  }

  private static byte[] binary(String text) {
    return value(BINARY, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] table(byte[] entries) {
    return value(TABLE, entries);
  }

  private static byte[] value(byte type, byte[] content) {
    byte[] value = new byte[5 + content.length];
    value[0] = type;
    value[1] = (byte) (content.length >>> 24);
    value[2] = (byte) (content.length >>> 16);
    value[3] = (byte) (content.length >>> 8);
    value[4] = (byte) content.length;
    System.arraycopy(content, 0, value, 5, content.length);
    return value;
  }

  private static void entry(ByteArrayOutputStream out, String name, byte[] value) {
    byte[] key = name.getBytes(StandardCharsets.US_ASCII);
    out.write(key.length);
    out.writeBytes(key);
    out.writeBytes(value);
  }

  @Override
  public String toString() {
    return "control channel " + server.getHostString() + ":" + server.getPort();
  }
}
