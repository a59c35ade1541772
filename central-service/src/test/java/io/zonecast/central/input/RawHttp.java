package io.zonecast.central.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: for requests an HTTP client would
 * normalise or refuse to send (raw paths, control characters, duplicated headers, chunked bodies).
 */
public final class RawHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RawHttp() {}

  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  public static Response send(int port, String head) throws IOException {
    return send(port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
  }

  /** Sends {@code head} (request line and headers, ending in an empty line) then {@code body}. */
  public static Response send(int port, byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before reading a large body: read what it said
      }
      boolean headRequest =
          head.length > 5 && new String(head, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
      return read(socket.getInputStream(), headRequest);
    }
  }

  /**
   * Sends {@code head} then a chunked body of {@code prefix}, {@code fill} bytes of 'x' and {@code
   * suffix}, generated as it is written (a body of any size without holding it); stops writing when
   * the server stops reading and returns its answer.
   */
  public static Response sendChunked(int port, String head, String prefix, long fill, String suffix)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      try {
        writeChunk(out, prefix.getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[65_536];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (long left = fill; left > 0; left -= chunk.length) {
          writeChunk(
              out, left >= chunk.length ? chunk : java.util.Arrays.copyOf(chunk, (int) left));
        }
        writeChunk(out, suffix.getBytes(StandardCharsets.US_ASCII));
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // the server answered and closed before reading the whole body: read what it said
      }
      return read(socket.getInputStream(), false);
    }
  }

  private static void writeChunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** A chunked body of {@code total} bytes of {@code fill}, in chunks of {@code chunk} bytes. */
  public static byte[] chunked(byte[] prefix, int total, byte fill, byte[] suffix, int chunk) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(prefix);
    for (int i = 0; i < total; i++) {
      all.write(fill);
    }
    all.writeBytes(suffix);
    byte[] data = all.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / chunk * 8);
    for (int at = 0; at < data.length; at += chunk) {
      int n = Math.min(chunk, data.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static Response read(InputStream in, boolean headRequest) throws IOException {
    int status;
    Map<String, String> headers;
    do { // interim 1xx answers (100 Continue) are followed by the real one
      String statusLine = line(in);
      if (statusLine == null) {
        throw new IOException("the server closed the connection without answering");
      }
      status = Integer.parseInt(statusLine.split(" ", 3)[1]);
      headers = new LinkedHashMap<>();
      for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    } while (status >= 100 && status < 200);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (headRequest) {
      return new Response(status, headers, body.toByteArray());
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        body.writeBytes(in.readNBytes(size));
        line(in);
      }
    } else if (headers.containsKey("content-length")) {
      body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else if (status != 204 && status != 304) {
      body.writeBytes(in.readAllBytes());
    }
    return new Response(status, headers, body.toByteArray());
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
