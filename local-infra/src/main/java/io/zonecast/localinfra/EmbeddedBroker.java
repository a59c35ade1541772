package io.zonecast.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;

/** Qpid Broker-J speaking AMQP 0-9-1 on 127.0.0.1, guest/guest, messages kept in Derby. */
final class EmbeddedBroker implements AutoCloseable {

  private final SystemLauncher launcher;

  private EmbeddedBroker(SystemLauncher launcher) {
    this.launcher = launcher;
  }

  static EmbeddedBroker start(int port, Path work) throws Exception {
    Files.createDirectories(work);
    // Derby writes derby.log into the working directory unless told otherwise
    System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
    ClassLoader loader = EmbeddedBroker.class.getClassLoader();
    Map<String, Object> attributes = new HashMap<>();
    attributes.put(SystemConfig.TYPE, "JSON");
    attributes.put(
        SystemConfig.INITIAL_CONFIGURATION_LOCATION,
        loader.getResource("embedded-amqp-broker.json").toExternalForm());
    // the default "classpath:" URL has no handler in the JDK (MalformedURLException)
    attributes.put(
        SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION,
        loader.getResource("embedded-amqp-system.properties").toExternalForm());
    attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
    attributes.put("context", LocalInfra.context(port, work));
    SystemLauncher launcher = new SystemLauncher();
    launcher.startup(attributes);
    return new EmbeddedBroker(launcher);
  }

  @Override
  public void close() {
    launcher.shutdown();
  }
}
