package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A BIND9 secondary driven with rndc, as Designate's bind9 backend does: {@code addzone} as a
 * secondary whose primaries are the target's masters (MiniDNS), {@code delzone -clean}. A zone that
 * already exists (create) or is already gone (delete) counts as done.
 */
class Bind9Backend implements Backend {

  private final Pool.Target target;
  private final Rndc rndc;
  private final Duration timeout;

  Bind9Backend(Pool.Target target, Rndc rndc, Duration timeout) {
    if (target.masters().isEmpty()) {
      throw new IllegalArgumentException(
          "bind9 target '" + target.description() + "' needs masters (the MiniDNS servers)");
    }
    this.target = target;
    this.rndc = rndc;
    this.timeout = timeout;
  }

  @Override
  public void createZone(ZoneRef zone) throws BackendException {
    Rndc.Result result = rndc.run(addzoneArguments(zone), timeout);
    if (result.exitCode() != 0 && !result.output().contains("already exists")) {
      throw new BackendException("rndc addzone " + zone.name() + " failed: " + result.output());
    }
  }

  @Override
  public void deleteZone(ZoneRef zone) throws BackendException {
    Rndc.Result result = rndc.run(delzoneArguments(zone), timeout);
    if (result.exitCode() != 0 && !result.output().contains("not found")) {
      throw new BackendException("rndc delzone " + zone.name() + " failed: " + result.output());
    }
  }

  List<String> addzoneArguments(ZoneRef zone) {
    String primaries =
        target.masters().stream()
            .map(m -> m.host() + " port " + m.port() + ";")
            .collect(Collectors.joining(" "));
    List<String> arguments = connection();
    arguments.add("addzone");
    arguments.add(rndcName(zone));
    arguments.add(
        "{ type secondary; primaries { "
            + primaries
            + " }; file \""
            + rndcName(zone)
            + ".zonecast.db\"; };");
    return arguments;
  }

  List<String> delzoneArguments(ZoneRef zone) {
    List<String> arguments = connection();
    arguments.addAll(List.of("delzone", "-clean", rndcName(zone)));
    return arguments;
  }

  private List<String> connection() {
    List<String> arguments = new ArrayList<>();
    String config = target.option("rndc_config_file", "");
    if (!config.isBlank()) {
      arguments.addAll(List.of("-c", config));
    }
    String key = target.option("rndc_key_file", "");
    if (!key.isBlank()) {
      arguments.addAll(List.of("-k", key));
    }
    arguments.addAll(List.of("-s", target.option("rndc_host", "127.0.0.1")));
    arguments.addAll(List.of("-p", target.option("rndc_port", "953")));
    return arguments;
  }

  /** rndc takes the zone name without the root's trailing dot. */
  private static String rndcName(ZoneRef zone) {
    return zone.name().substring(0, zone.name().length() - 1);
  }
}
