package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.Failover;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * transfers and signs its NOTIFYs with it), {@code log_file}: named's log with the {@code xfer-in}
 * category, readable by the pool manager, where {@link #refusal} finds why a transfer was not
 * loaded (BIND 9.18 says so nowhere else).
 *
 * <p>Host names ({@code rndc_host}, the masters) are resolved at each call: rndc goes to each
 * address of {@code rndc_host} in turn until one is reached, and the zone's primaries are the
 * masters' current addresses, as BIND takes addresses only. When those move, {@link #followMasters}
 * gives each zone the same clause again with {@code modzone} (which replaces a zone's whole
 * configuration, kept in BIND's NZD like addzone's) and a {@code refresh}, so it transfers from
 * where its primaries are now.
 */
class Bind9Backend implements Backend {

  private static final Logger log = LoggerFactory.getLogger(Bind9Backend.class);

  /** Longest zone name part of a zone file name, so the whole name stays under 255 bytes. */
  private static final int MAX_FILE_NAME_PART = 200;

  private final Pool.Target target;
  private final Rndc rndc;
  private final Duration timeout;
  private final String rndcHost;
  private final int rndcPort;
  private final HostResolver resolver;
  private final ControlChannels channels;

  Bind9Backend(
      Pool.Target target, Rndc rndc, Duration defaultTimeout, HostResolver resolver, Clock clock) {
    this(target, rndc, defaultTimeout, resolver, new ControlChannels(clock));
  }

  /**
   * @param channels the control channels shared by the backends of every target, whose connections
   *     outlive a backend
   */
  Bind9Backend(
      Pool.Target target,
      Rndc rndc,
      Duration defaultTimeout,
      HostResolver resolver,
      ControlChannels channels) {
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
    this.rndcHost = target.option("rndc_host", "127.0.0.1").trim();
    this.rndcPort = port(target, "rndc_port", 953);
    this.resolver = resolver;
    this.channels = channels;
  }

  @Override
  public void createZone(ZoneRef zone) throws BackendException {
    Rndc.Result result = run(addzoneCommand(zone));
    if (result.exitCode() != 0 && !result.output().contains("already exists")) {
      throw new BackendException(
          "rndc addzone " + rndcName(zone) + " failed on " + this + ": " + result.output());
    }
  }

  @Override
  public void deleteZone(ZoneRef zone) throws BackendException {
    Rndc.Result result = run(delzoneCommand(zone));
    if (result.exitCode() != 0 && !result.output().contains("not found")) {
      throw new BackendException(
          "rndc delzone " + rndcName(zone) + " failed on " + this + ": " + result.output());
    }
  }

  /**
   * The failure BIND logged for the latest transfer of the zone at its serial: a transfer that
   * arrived whole ({@code Transfer completed ... (serial N)}) with another status than success, so
   * not an unreachable MiniDNS but the target refusing the content.
   */
  @Override
  public Optional<String> refusal(ZoneRef zone) throws BackendException {
    return Bind9TransferLog.refusalOf(target, this, zone);
  }

  /**
   * Each zone gets {@code modzone} with the clause addzone gives it now (BIND keeps no primaries
   * from before: the clause replaces the zone's configuration) and a {@code refresh}, as modzone
   * alone waits for the zone's SOA refresh to ask the new primaries. A zone whose primaries are
   * already these ({@code showzone}) is left as it is; one BIND does not have is left to the sync.
   */
  @Override
  public Optional<ZoneStep> followMasters(List<Pool.HostPort> mastersBefore) {
    return Optional.of(this::followMasters);
  }

  @Override
  public Optional<String> zonePrimaries() throws BackendException {
    return Optional.of(primariesClause());
  }

  private void followMasters(ZoneRef zone) throws BackendException {
    String name = rndcName(zone);
    String primaries = primariesClause();
    Rndc.Result shown = run(List.of("showzone", name));
    if (shown.exitCode() != 0) {
      if (shown.output().contains("not found")) {
        return;
      }
      throw new BackendException(
          "rndc showzone " + name + " failed on " + this + ": " + shown.output());
    }
    if (shown.output().contains(primaries)) {
      return;
    }
    Rndc.Result modzone = run(List.of("modzone", name, zoneConfig(zone, primaries)));
    if (modzone.exitCode() != 0) {
      if (modzone.output().contains("not found")) {
        return;
      }
      throw new BackendException(
          "rndc modzone " + name + " failed on " + this + ": " + modzone.output());
    }
    log.debug("{}: {} now pulls from {}", this, name, primaries);
    Rndc.Result refresh = run(List.of("refresh", name));
    if (refresh.exitCode() != 0 && !refresh.output().contains("not found")) {
      throw new BackendException(
          "rndc refresh " + name + " failed on " + this + ": " + refresh.output());
    }
  }

  /**
   * Runs an rndc command on the current addresses of {@code rndc_host}, each in turn until one is
   * reached: over BIND's control channel directly when the target names a key file with an HMAC-SHA
   * key (no process per call), else with the rndc program (a config file, or an hmac-md5 key).
   */
  private Rndc.Result run(List<String> command) throws BackendException {
    List<InetSocketAddress> servers;
    try {
      servers = resolver.resolve(rndcHost, rndcPort);
    } catch (HostNotResolvedException e) {
      throw new BackendException(
          "rndc " + command.getFirst() + " on " + this + ": " + e.getMessage());
    }
    String keyFile = target.option("rndc_key_file", "");
    if (keyFile.isBlank() || !target.option("rndc_config_file", "").isBlank()) {
      return runProgram(servers, command);
    }
    Optional<ControlChannel.Key> key;
    try {
      key = channels.key(Path.of(keyFile));
    } catch (IOException e) {
      throw new BackendException("cannot read the rndc key of " + this + ": " + e.getMessage());
    }
    if (key.isEmpty()) {
      return runProgram(servers, command);
    }
    String text = String.join(" ", command);
    try {
      return Failover.firstAnswer(servers, server -> call(server, key.get(), text));
    } catch (IOException e) {
      return new Rndc.Result(
          1, "rndc: " + rndcHost + ":" + rndcPort + " " + Failover.describe(servers) + ": " + e);
    }
  }

  /** One call on the control channel; an {@link IOException} means the server was not reached. */
  private Rndc.Result call(InetSocketAddress server, ControlChannel.Key key, String command)
      throws IOException {
    ControlChannel channel = channels.channel(server, key);
    try {
      ControlChannel.Answer answer = channel.call(command, timeout);
      String output = (answer.text() + "\n" + answer.error()).strip();
      return new Rndc.Result(answer.result() == 0 ? 0 : 1, output);
    } catch (EOFException e) {
      // BIND drops the connection of a request whose signature or address it does not accept
      return new Rndc.Result(
          1, "rndc: connection to remote host closed (wrong key, or address not allowed)");
    }
  }

  /** The rndc program on each address in turn while it cannot connect. */
  private Rndc.Result runProgram(List<InetSocketAddress> servers, List<String> command)
      throws BackendException {
    Rndc.Result result = null;
    for (InetSocketAddress server : servers) {
      result = rndc.run(rndcArguments(server, command), timeout);
      if (result.exitCode() == 0 || !notReached(result.output())) {
        return result;
      }
    }
    return result;
  }

  private static boolean notReached(String output) {
    return output.contains("connect failed") || output.contains("timed out");
  }

  /** The command that adds the zone as a secondary pulling from the masters' current addresses. */
  List<String> addzoneCommand(ZoneRef zone) throws BackendException {
    return List.of("addzone", rndcName(zone), zoneConfig(zone, primariesClause()));
  }

  /** The zone's configuration in addzone and modzone: a secondary of {@code primaries}. */
  private static String zoneConfig(ZoneRef zone, String primaries) {
    return "{ type secondary; " + primaries + "; file \"" + zoneFileName(zone) + "\"; };";
  }

  /**
   * {@code primaries { address port P key "k"; ... }}, one entry per current address of each
   * master, written as BIND's showzone writes it back.
   */
  private String primariesClause() throws BackendException {
    String tsigKey = target.option("tsig_key_name", "").trim();
    String key = tsigKey.isEmpty() ? "" : " key \"" + tsigKey + "\"";
    List<String> primaries = new ArrayList<>();
    for (Pool.HostPort master : target.masters()) {
      for (String address : addresses(master.host())) {
        primaries.add(address + " port " + master.port() + key + ";");
      }
    }
    return "primaries { " + String.join(" ", primaries) + " }";
  }

  /**
   * BIND takes addresses only: an address as written, a name as what it resolves to now.
   *
   * @throws BackendException naming the master when it does not resolve
   */
  private List<String> addresses(String host) throws BackendException {
    if (HostResolver.isIpAddress(host)) {
      return List.of(host.replace("[", "").replace("]", ""));
    }
    try {
      return resolver.resolve(host).stream().map(InetAddress::getHostAddress).toList();
    } catch (HostNotResolvedException e) {
      throw new BackendException("a master of " + this + ": " + e.getMessage());
    }
  }

  /** The command that removes the zone and its file. */
  static List<String> delzoneCommand(ZoneRef zone) {
    return List.of("delzone", "-clean", rndcName(zone));
  }

  /**
   * The rndc program's arguments (after the program) that run {@code command} on {@code server}.
   */
  List<String> rndcArguments(InetSocketAddress server, List<String> command) {
    List<String> arguments = new ArrayList<>();
    arguments.addAll(List.of("-s", server.getAddress().getHostAddress()));
    arguments.addAll(List.of("-p", String.valueOf(server.getPort())));
    String config = target.option("rndc_config_file", "");
    if (!config.isBlank()) {
      arguments.addAll(List.of("-c", config));
    }
    String keyFile = target.option("rndc_key_file", "");
    if (!keyFile.isBlank()) {
      arguments.addAll(List.of("-k", keyFile));
    }
    arguments.addAll(command);
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
