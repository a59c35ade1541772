package io.zonecast.minidns.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.model.pool.PoolsFileHolder.Check;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.runtime.resolve.ResolveProperties;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TransferAclTest {

  @TempDir Path dir;

  static MiniDnsProperties properties(List<String> allowTransfer) {
    return new Binder(
            new MapConfigurationPropertySource(
                Map.of("zonecast.minidns.allow-transfer", String.join(",", allowTransfer))))
        .bindOrCreate("zonecast.minidns", MiniDnsProperties.class);
  }

  static InetAddress ip(String address) throws Exception {
    return InetAddress.getByName(address); // literals only: no lookup
  }

  @Test
  void aServerGivenByNameMayTransferFromWhereItsNameResolvesNow() throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.21 ns-moving.zonecast.test\n");
    Path pools = dir.resolve("pools.yaml");
    Files.writeString(
        pools,
        """
        - name: default
          ns_records:
            - {hostname: ns1.zonecast.test., priority: 1}
          nameservers:
            - {host: ns-moving.zonecast.test, port: 5310}
          targets:
            - type: bind9
              masters: [{host: 127.0.0.1, port: 5354}]
              options: {host: ns-moving.zonecast.test, port: 5310}
        """);
    TransferAcl acl =
        new TransferAcl(
            properties(List.of("::1/128")),
            new PoolsFileHolder(pools, Check.NONE, Clock.systemUTC(), reloaded -> {}),
            HostResolver.system(hosts, Duration.ofSeconds(5)),
            new ResolveProperties(hosts, Duration.ofSeconds(5), Duration.ofSeconds(10)));

    assertThat(acl.allows(ip("127.0.0.21"))).isTrue();
    assertThat(acl.allows(ip("127.0.0.22"))).isFalse();

    Files.writeString(hosts, "127.0.0.22 ns-moving.zonecast.test # moved\n");
    acl.refresh();

    assertThat(acl.allows(ip("127.0.0.22"))).isTrue();
    assertThat(acl.allows(ip("127.0.0.21"))).isFalse();
    assertThat(acl.allows(ip("::1"))).as("allow-transfer").isTrue();
  }
}
