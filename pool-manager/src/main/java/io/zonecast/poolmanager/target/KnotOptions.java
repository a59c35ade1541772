package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A knot target's options, read and checked once: {@code knotc_cmd_name} (the knotc program,
 * knotc), {@code socket} (the control socket, /run/knot/knot.sock), {@code knotc_timeout} (seconds
 * per knotc run; the pool manager's backend rndc-timeout by default), {@code tsig_key_name}, and
 * where zones pull from: the Knot remotes named in {@code remote} (and the NOTIFY ACLs in {@code
 * acl}) that the operator defined in knot.conf, or else one remote and ACL per master that the
 * backend defines itself ({@link #definesRemotes}).
 *
 * @param remotes the remote ids a zone's {@code master} names
 * @param acls the ACL ids a zone's {@code acl} names
 */
record KnotOptions(
    String program,
    Path socket,
    Duration timeout,
    List<String> remotes,
    List<String> acls,
    boolean definesRemotes,
    String tsigKey) {

  /**
   * @throws IllegalArgumentException naming the target and the option when an option is invalid
   */
  static KnotOptions of(Pool.Target target, Duration defaultTimeout) {
    Reader options = new Reader(target);
    String program = target.option("knotc_cmd_name", "knotc").trim();
    if (program.isEmpty()) {
      throw options.invalid("knotc_cmd_name is empty");
    }
    String socket = target.option("socket", "/run/knot/knot.sock").trim();
    if (socket.isEmpty()) {
      throw options.invalid("socket is empty");
    }
    Duration timeout = options.timeout(defaultTimeout);
    String tsigKey = options.identifier("tsig_key_name", target.option("tsig_key_name", "").trim());
    List<String> remotes = options.identifiers("remote");
    List<String> acls = options.identifiers("acl");
    if (!remotes.isEmpty()) {
      return new KnotOptions(program, Path.of(socket), timeout, remotes, acls, false, tsigKey);
    }
    if (!acls.isEmpty()) {
      throw options.invalid("acl is for zones pulling from the named remote; name it too");
    }
    if (target.masters().isEmpty()) {
      throw options.invalid("needs masters (the MiniDNS servers) or a remote defined in knot.conf");
    }
    List<String> own = remoteIds(target.masters());
    return new KnotOptions(program, Path.of(socket), timeout, own, own, true, tsigKey);
  }

  /** The ids of the remotes (and ACLs) the backend defines for these masters. */
  static List<String> remoteIds(List<Pool.HostPort> masters) {
    return masters.stream()
        .map(m -> "zonecast-" + m.host().replaceAll("[^A-Za-z0-9.]", "_") + "-" + m.port())
        .toList();
  }

  private record Reader(Pool.Target target) {

    List<String> identifiers(String option) {
      return Arrays.stream(target.option(option, "").split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(s -> identifier(option, s))
          .toList();
    }

    String identifier(String option, String value) {
      if (!value.matches("[A-Za-z0-9._-]*")) {
        throw invalid(option + " '" + value + "' may hold only letters, digits, '.', '_' and '-'");
      }
      return value;
    }

    Duration timeout(Duration fallback) {
      String text = target.option("knotc_timeout", "").trim();
      if (text.isEmpty()) {
        return fallback;
      }
      try {
        double seconds = Double.parseDouble(text);
        if (seconds > 0 && seconds <= 86400) {
          return Duration.ofMillis(Math.round(seconds * 1000));
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid("knotc_timeout '" + text + "' is not a number of seconds from 0 to 86400");
    }

    IllegalArgumentException invalid(String reason) {
      return new IllegalArgumentException(
          KnotBackend.TYPE + " target '" + target.description() + "': " + reason);
    }
  }
}
