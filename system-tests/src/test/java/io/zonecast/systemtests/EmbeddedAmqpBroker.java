package io.zonecast.systemtests;

import io.zonecast.testsupport.Bind9Secondary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An AMQP 0-9-1 broker of the test's own (local-infra's embedded Qpid Broker-J, Derby store) on a
 * free port, which can be stopped, killed and started again with the same port and data, unlike the
 * RabbitMQ every test on the machine shares.
 */
final class EmbeddedAmqpBroker implements AutoCloseable {

  final int port = Bind9Secondary.freePort();
  private final Path data;
  private ServiceProcess process;

  private EmbeddedAmqpBroker(Path data) {
    this.data = data;
  }

  static EmbeddedAmqpBroker start() throws IOException {
    EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(Files.createTempDirectory("zonecast-amqp"));
    broker.startAgain();
    return broker;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the broker on its port with the data it had. */
  void startAgain() throws IOException {
    if (isRunning()) {
      throw new IllegalStateException("the broker is running");
    }
    process =
        ServiceProcess.startUntilPrinted(
            "local-infra",
            List.of("serve", "--amqp", String.valueOf(port), "--data", data.toString()),
            "READY");
  }

  /** SIGTERM: the broker shuts down and closes its store. */
  void stop() {
    process.close();
  }

  /** kill -9: the broker keeps only what its store had already written. */
  void kill() {
    process.kill();
  }

  @Override
  public void close() throws IOException {
    if (process != null) {
      process.close();
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
