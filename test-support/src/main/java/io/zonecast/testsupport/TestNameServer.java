package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.xbill.DNS.Message;

/**
 * What every test name server offers on top of its {@link ServerProcess}: its directory and DNS
 * port, SOA and other queries over UDP, its log, and {@link #close()} to stop it.
 */
abstract class TestNameServer implements AutoCloseable {

  final Path dir;
  final int port;
  final ServerProcess server;

  /**
   * @param what the program, naming its standard output file in {@code dir} and its errors
   * @param log the server's log file
   */
  TestNameServer(String what, Path dir, int port, Path log) {
    this.dir = dir;
    this.port = port;
    this.server = new ServerProcess(what, dir, port, log);
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  /** The serial of the SOA this server answers for {@code zone}, if it serves it. */
  public OptionalLong soaSerial(String zone) throws IOException {
    return server.soaSerial(zone);
  }

  /** Sends one query to this server over UDP and returns its answer. */
  public Message query(String name, int type) throws IOException {
    return server.query(name, type);
  }

  /** What the server logged so far: NOTIFYs, transfers (with their kind where it says), errors. */
  public String log() {
    return server.log();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    server.stop();
  }
}
