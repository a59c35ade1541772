package io.zonecast.runtime.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HangupSignalTest {

  @TempDir Path dir;

  @Test
  void sighupIsIgnoredWhenTheFirstBitOfSigIgnIsSet() throws Exception {
    // what a JVM started under nohup has: SIGHUP (1) and SIGINT (2) ignored
    assertThat(HangupSignal.ignored(status("SigIgn:\t0000000000000003"))).isTrue();
    assertThat(HangupSignal.ignored(status("SigIgn:\t0000000000000001"))).isTrue();
  }

  @Test
  void sighupIsNotIgnoredOtherwise() throws Exception {
    assertThat(HangupSignal.ignored(status("SigIgn:\t0000000000000002"))).isFalse();
    assertThat(HangupSignal.ignored(status("SigIgn:\t8000000000001000"))).isFalse();
    assertThat(HangupSignal.ignored(status("SigBlk:\t0000000000000001"))).isFalse();
    assertThat(HangupSignal.ignored(dir.resolve("missing"))).isFalse();
  }

  private Path status(String sigIgnLine) throws Exception {
    Path file = dir.resolve("status");
    Files.writeString(file, "Name:\tjava\nSigPnd:\t0000000000000000\n" + sigIgnLine + "\n");
    return file;
  }
}
