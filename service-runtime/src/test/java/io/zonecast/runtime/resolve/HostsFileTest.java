package io.zonecast.runtime.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {

  static InetAddress ip(String text) {
    return IpLiteral.parse(text).orElseThrow();
  }

  @Test
  void readsAddressesNamesAndAliasesSkippingCommentsAndJunk() {
    var names =
        HostsFile.parse(
            List.of(
                "# a comment",
                "127.0.0.1\tlocalhost",
                "127.0.0.21 ns-a.zonecast.test ns-a   # with an alias",
                "",
                "not-an-address some-name",
                "192.0.2.9",
                "::1 ip6-localhost",
                "127.0.0.31 NS-Failover.zonecast.test",
                "127.0.0.32 ns-failover.zonecast.test",
                "127.0.0.31 ns-failover.zonecast.test"));

    assertThat(names.get("localhost")).containsExactly(ip("127.0.0.1"));
    assertThat(names.get("ns-a.zonecast.test")).containsExactly(ip("127.0.0.21"));
    assertThat(names.get("ns-a")).containsExactly(ip("127.0.0.21"));
    assertThat(names.get("ip6-localhost")).containsExactly(ip("::1"));
    assertThat(names.get("ns-failover.zonecast.test"))
        .as("several lines give several addresses, in the file's order, once each")
        .containsExactly(ip("127.0.0.31"), ip("127.0.0.32"));
    assertThat(names).doesNotContainKey("some-name");
  }

  @Test
  void aMissingFileNamesNothingUntilItAppears(@TempDir Path dir) throws Exception {
    HostsFile hosts = new HostsFile(dir.resolve("hosts"));
    assertThat(hosts.lookup("ns.zonecast.test")).isEmpty();

    Files.writeString(dir.resolve("hosts"), "127.0.0.40 ns.zonecast.test\n");
    assertThat(hosts.lookup("ns.zonecast.test")).hasValue(List.of(ip("127.0.0.40")));
  }

  @Test
  void aFileReplacedByARenameIsReadAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "127.0.0.41 ns.zonecast.test\n");
    HostsFile hosts = new HostsFile(file);
    assertThat(hosts.lookup("ns.zonecast.test")).hasValue(List.of(ip("127.0.0.41")));

    Path next = dir.resolve("hosts.new");
    Files.writeString(next, "127.0.0.42 ns.zonecast.test\n");
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(hosts.lookup("ns.zonecast.test")).hasValue(List.of(ip("127.0.0.42")));
  }
}
