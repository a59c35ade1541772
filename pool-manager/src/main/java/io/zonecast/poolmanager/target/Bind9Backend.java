package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A BIND9 secondary driven with rndc, as Designate's bind9 backend does (designate-study section
 * 5): {@code addzone} as a secondary whose primaries are the target's masters (MiniDNS), {@code
 * delzone -clean}. A zone that already exists (create) or is already gone (delete) counts as done,
 * so both calls can be repeated. BIND9 needs {@code allow-new-zones yes;}.
 *
 * <p>Options of the target: {@code rndc_host} (127.0.0.1), {@code rndc_port} (953), {@code
 * rndc_key_file}, {@code rndc_config_file}, {@code rndc_timeout} (seconds), {@code tsig_key_name}:
 * a TSIG key defined in the target's named.conf, with the name and secret of the pool's key in
 * /v2/tsigkeys, which the zone then uses towards its primaries (MiniDNS requires it for the
 * transfers and signs its NOTIFYs with it).
 */
class Bind9Backend implements Backend {

  /** Longest zone name part of a zone file name, so the whole name stays under 255 bytes. */
  private static final int MAX_FILE_NAME_PART = 200;

  private final Pool.Target target;
  private final Rndc rndc;
  private final Duration timeout;
  private final List<String> connection;

  Bind9Backend(Pool.Target target, Rndc rndc, Duration defaultTimeout) {
    if (target.masters().isEmpty()) {
      throw new IllegalArgumentException(
          "bind9 target '" + target.description() + "' needs masters (the MiniDNS servers)");
    }
    if (!target.option("tsig_key_name", "").matches("[A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "bind9 target '"
              + target.description()
              + "': tsig_key_name may hold only letters, digits, '.', '_' and '-'");
    }
    this.target = target;
    this.rndc = rndc;
    this.timeout = timeout(target, defaultTimeout);
    this.connection = connection(target);
  }

  @Override
  public void createZone(ZoneRef zone) throws BackendException {
    Rndc.Result result = run(addzoneArguments(zone));
    if (result.exitCode() != 0 && !result.output().contains("already exists")) {
      throw new BackendException(
          "rndc addzone " + rndcName(zone) + " failed on " + this + ": " + result.output());
    }
  }

  @Override
  public void deleteZone(ZoneRef zone) throws BackendException {
    Rndc.Result result = run(delzoneArguments(zone));
    if (result.exitCode() != 0 && !result.output().contains("not found")) {
      throw new BackendException(
          "rndc delzone " + rndcName(zone) + " failed on " + this + ": " + result.output());
    }
  }

  /**
   * Runs an rndc command: over BIND's control channel directly when the target names a key file
   * with an HMAC-SHA key (no process per call), else with the rndc program (a config file, or an
   * hmac-md5 key).
   */
  private Rndc.Result run(List<String> arguments) throws BackendException {
    String keyFile = target.option("rndc_key_file", "");
    if (keyFile.isBlank() || !target.option("rndc_config_file", "").isBlank()) {
      return rndc.run(arguments, timeout);
    }
    Optional<ControlChannel.Key> key;
    try {
      key = ControlChannel.Key.read(Path.of(keyFile));
    } catch (IOException e) {
      throw new BackendException("cannot read the rndc key of " + this + ": " + e.getMessage());
    }
    if (key.isEmpty()) {
      return rndc.run(arguments, timeout);
    }
    String command = String.join(" ", arguments.subList(connection.size(), arguments.size()));
    ControlChannel channel =
        new ControlChannel(
            new InetSocketAddress(
                target.option("rndc_host", "127.0.0.1"), port(target, "rndc_port", 953)),
            key.get());
    try {
      ControlChannel.Answer answer = channel.call(command, timeout);
      String output = (answer.text() + "\n" + answer.error()).strip();
      return new Rndc.Result(answer.result() == 0 ? 0 : 1, output);
    } catch (EOFException e) {
      // BIND drops the connection of a request whose signature or address it does not accept
      return new Rndc.Result(
          1, "rndc: connection to remote host closed (wrong key, or address not allowed)");
    } catch (IOException e) {
      return new Rndc.Result(1, "rndc: " + channel + ": " + e);
    }
  }

  /** The arguments of rndc (after the program) that add the zone as a secondary. */
  List<String> addzoneArguments(ZoneRef zone) {
    String tsigKey = target.option("tsig_key_name", "").trim();
    String key = tsigKey.isEmpty() ? "" : " key \"" + tsigKey + "\"";
    String primaries =
        target.masters().stream()
            .map(m -> m.host() + " port " + m.port() + key + ";")
            .collect(Collectors.joining(" "));
    List<String> arguments = new ArrayList<>(connection);
    arguments.add("addzone");
    arguments.add(rndcName(zone));
    arguments.add(
        "{ type secondary; primaries { "
            + primaries
            + " }; file \""
            + zoneFileName(zone)
            + "\"; };");
    return arguments;
  }

  /** The arguments of rndc that remove the zone and its file. */
  List<String> delzoneArguments(ZoneRef zone) {
    List<String> arguments = new ArrayList<>(connection);
    arguments.addAll(List.of("delzone", "-clean", rndcName(zone)));
    return arguments;
  }

  Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "bind9 target "
        + (target.description().isBlank() ? "" : "'" + target.description() + "' ")
        + "(rndc "
        + target.option("rndc_host", "127.0.0.1")
        + ":"
        + target.option("rndc_port", "953")
        + ")";
  }

  /**
   * The zone's file in BIND9's directory: the name without the trailing dot plus the zone id (a
   * zone deleted and created again gets a new file), with anything but letters, digits, dot, dash
   * and underscore replaced, so a name can never leave the directory or break the clause's quotes.
   */
  static String zoneFileName(ZoneRef zone) {
    String name = rndcName(zone).replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.length() > MAX_FILE_NAME_PART) {
      name = name.substring(0, MAX_FILE_NAME_PART);
    }
    if (name.startsWith(".")) {
      name = "_" + name;
    }
    return name + "." + zone.id() + ".zonecast.db";
  }

  /** rndc takes the zone name without the root's trailing dot. */
  private static String rndcName(ZoneRef zone) {
    return zone.name().substring(0, zone.name().length() - 1);
  }

  private static List<String> connection(Pool.Target target) {
    List<String> arguments = new ArrayList<>();
    arguments.addAll(List.of("-s", target.option("rndc_host", "127.0.0.1")));
    arguments.addAll(List.of("-p", String.valueOf(port(target, "rndc_port", 953))));
    String config = target.option("rndc_config_file", "");
    if (!config.isBlank()) {
      arguments.addAll(List.of("-c", config));
    }
    String key = target.option("rndc_key_file", "");
    if (!key.isBlank()) {
      arguments.addAll(List.of("-k", key));
    }
    return arguments;
  }

  private static int port(Pool.Target target, String option, int fallback) {
    String text = target.option(option, String.valueOf(fallback)).trim();
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "bind9 target '" + target.description() + "': " + option + " '" + text + "' is no port");
  }

  private static Duration timeout(Pool.Target target, Duration fallback) {
    String text = target.option("rndc_timeout", "").trim();
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      double seconds = Double.parseDouble(text);
      if (seconds > 0) {
        return Duration.ofMillis(Math.round(seconds * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "bind9 target '"
            + target.description()
            + "': rndc_timeout '"
            + text
            + "' is not a positive number of seconds");
  }
}
