package io.zonecast.runtime.resolve;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pools file's host names are resolved ({@code zonecast.resolve.*}, the same settings in
 * the pool manager and MiniDNS, each of which enables them).
 *
 * @param hostsFile the hosts file asked first, read again when it changes
 * @param failureTtl how long a name that did not resolve is not asked again
 * @param refreshInterval how often every host name of the pools is resolved again ahead of use
 */
@ConfigurationProperties("zonecast.resolve")
public record ResolveProperties(
    @DefaultValue("/etc/hosts") Path hostsFile,
    @DefaultValue("5s") Duration failureTtl,
    @DefaultValue("10s") Duration refreshInterval) {

  public ResolveProperties {
    if (failureTtl.isNegative() || !refreshInterval.isPositive()) {
      throw new IllegalArgumentException(
          "zonecast.resolve: failure-ttl must not be negative, refresh-interval must be positive");
    }
  }

  /** The chain with these settings and the system's resolver. */
  public HostResolver resolver() {
    return HostResolver.system(hostsFile, failureTtl);
  }
}
