package io.zonecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java rendering of the BIND9 template (test-support's secondaries) and the script's
 * (bin/zonecast, the cluster, the image, the podman proof) give the same named.conf for the same
 * values, to the byte.
 */
class NamedConfTest {

  private static final Path SCRIPT = Path.of("../deploy/bind9/render-named-conf");

  /** A secondary on another loopback address consuming a catalog, as Bind9Secondary writes it. */
  private static NamedConf everyLine() {
    return new NamedConf()
        .with("rndc_key", "/tmp/zc dir/rndc.key")
        .with("tsig_keys", "/tmp/zc dir/tsig-keys.conf")
        .with("directory", "/tmp/zc dir")
        .with("pid_file", "/tmp/zc dir/named.pid")
        .with("port", 25310)
        .with("address", "127.0.0.2")
        .with("allowed", "127.0.0.1; 127.0.0.2;")
        .with("source", "127.0.0.2")
        .with("max_records_per_type", 100)
        .with("catalog", "catalog.zonecast.test.")
        .with("catalog_port", 25354)
        .with("transfers_in", 100)
        .with("control_address", "127.0.0.2")
        .with("rndc_port", 29530)
        .with("control_allowed", "127.0.0.1; 127.0.0.2;")
        .with("log", "file \"/tmp/zc dir/named.log\" & | \\ done");
  }

  /** The image's configuration: optional lines left out. */
  private static NamedConf image() {
    return new NamedConf()
        .with("rndc_key", "/keys/rndc.key")
        .with("tsig_keys", "")
        .with("directory", "/var/cache/bind")
        .with("pid_file", "")
        .with("port", 53)
        .with("address", "any")
        .with("allowed", "")
        .with("source", "")
        .with("max_records_per_type", 100)
        .with("catalog", "")
        .with("catalog_port", "")
        .with("transfers_in", "")
        .with("control_address", "*")
        .with("rndc_port", 953)
        .with("control_allowed", "any;")
        .with("log", "stderr");
  }

  @Test
  void javaAndScriptRenderEveryLineTheSame() throws Exception {
    String java = everyLine().render();
    assertThat(java)
        .contains("include \"/tmp/zc dir/tsig-keys.conf\";")
        .contains("listen-on port 25310 { 127.0.0.2; };")
        .contains("allow-transfer { 127.0.0.1; 127.0.0.2; };")
        .contains(
            "catalog-zones { zone \"catalog.zonecast.test.\" default-primaries"
                + " { 127.0.0.1 port 25354; }")
        .contains("channel out { file \"/tmp/zc dir/named.log\" & | \\ done;")
        .doesNotContain("@");
    assertThat(script(everyLine())).isEqualTo(java);
  }

  @Test
  void javaAndScriptLeaveOutTheSameLines() throws Exception {
    String java = image().render();
    assertThat(java)
        .doesNotContain("tsig")
        .doesNotContain("pid-file")
        .doesNotContain("allow-query")
        .doesNotContain("transfer-source")
        .doesNotContain("catalog-zones")
        .doesNotContain("zone \"")
        .contains("controls { inet * port 953 allow { any; } keys { \"rndc-key\"; }; };");
    assertThat(script(image())).isEqualTo(java);
  }

  @Test
  void aMissingOrUnknownValueIsRefusedByBoth() throws Exception {
    NamedConf missing = image().with("rndc_port", "");
    NamedConf partial = new NamedConf().with("port", 53);
    assertThatThrownBy(partial::render).hasMessageContaining("no value for @address@");
    assertThat(run(partial).exit()).isEqualTo(2);
    NamedConf typo = image().with("rnd_port", 953);
    assertThatThrownBy(typo::render).hasMessageContaining("no @rnd_port@");
    assertThat(run(typo).exit()).isEqualTo(2);
    assertThat(missing.render()).doesNotContain("controls");
  }

  private record Run(int exit, String out) {}

  private static String script(NamedConf conf) throws Exception {
    Run run = run(conf);
    assertThat(run.exit()).as(run.out()).isZero();
    return run.out();
  }

  private static Run run(NamedConf conf) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
    for (Map.Entry<String, String> value : conf.values().entrySet()) {
      command.add(value.getKey() + "=" + value.getValue());
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    return new Run(p.waitFor(), out);
  }
}
