package io.zonecast.model.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolsFileHolderTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  final List<PoolsReloaded> heard = new ArrayList<>();

  static String pools(String... nameservers) {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: default
              ns_records: [{hostname: ns1.example.org., priority: 1}]
              nameservers:
            """);
    for (String nameserver : nameservers) {
      yaml.append("    - {host: ").append(nameserver).append(", port: 53}\n");
    }
    return yaml.toString();
  }

  /** Writes the file with a modification time of its own, as a later edit would have. */
  Path write(Path file, String yaml, int second) throws Exception {
    Files.writeString(file, yaml);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-12-05T00:00:00Z").plusSeconds(second)));
    return file;
  }

  PoolsFileHolder holder(Path file, PoolsFileHolder.Check check) {
    return new PoolsFileHolder(file, check, CLOCK, heard::add);
  }

  @Test
  void aChangedFileIsPutInForceAndEveryListenerHearsOfIt() throws Exception {
    Path file = write(dir.resolve("pools.yaml"), pools("192.0.2.1"), 0);
    PoolsFileHolder holder = holder(file, PoolsFileHolder.Check.NONE);
    assertThat(holder.reloadIfModified()).as("not changed since the start").isEmpty();

    write(file, pools("192.0.2.1", "192.0.2.2"), 1);
    PoolsFileHolder.Reload reload = holder.reloadIfModified().orElseThrow();

    assertThat(reload.applied()).isTrue();
    assertThat(holder.snapshot().generation()).isEqualTo(2);
    assertThat(holder.all().getFirst().nameservers()).hasSize(2);
    assertThat(heard)
        .singleElement()
        .satisfies(event -> {
          assertThat(event.snapshot()).isEqualTo(holder.snapshot());
          assertThat(event.changes().describe()).anyMatch(line -> line.contains("192.0.2.2"));
        });
    assertThat(holder.reloadIfModified()).as("read once per change").isEmpty();
  }

  @Test
  void aRefusedVersionKeepsThePoolsInForceAndIsNotReadAgainUntilItChanges() throws Exception {
    Path file = write(dir.resolve("pools.yaml"), pools("192.0.2.1"), 0);
    PoolsFileHolder holder =
        holder(
            file,
            (pools, inForce, source) -> {
              if (pools.pools().getFirst().nameservers().size() > 2) {
                throw new InvalidPoolsFileException(source + ": too many nameservers");
              }
            });

    write(file, pools("192.0.2.1", "192.0.2.2", "192.0.2.3"), 1);
    PoolsFileHolder.Reload refused = holder.reloadIfModified().orElseThrow();

    assertThat(refused.error()).endsWith("too many nameservers");
    assertThat(holder.snapshot().generation()).isEqualTo(1);
    assertThat(holder.lastReload()).contains(refused);
    assertThat(holder.reloadIfModified()).isEmpty();
    assertThat(heard).isEmpty();

    write(file, pools("192.0.2.2"), 2);
    assertThat(holder.reloadIfModified().orElseThrow().applied()).isTrue();
    assertThat(heard).hasSize(1);
  }

  @Test
  void aDryRunChecksGivenContentAndAppliesNothing() throws Exception {
    Path file = write(dir.resolve("pools.yaml"), pools("192.0.2.1"), 0);
    PoolsFileHolder holder = holder(file, PoolsFileHolder.Check.NONE);

    PoolsFileHolder.Reload dryRun = holder.reload(pools("192.0.2.9"), true);

    assertThat(dryRun.applied()).isFalse();
    assertThat(dryRun.changes()).anyMatch(line -> line.contains("192.0.2.9"));
    assertThat(holder.snapshot().generation()).isEqualTo(1);
    assertThat(holder.lastReload()).as("a dry run is not the last reload").isEmpty();
    assertThatThrownBy(() -> holder.reload(pools("192.0.2.9"), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingFileStopsTheStart() {
    assertThatThrownBy(() -> holder(dir.resolve("absent.yaml"), PoolsFileHolder.Check.NONE))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void withoutAFileThereAreNoPoolsAndNothingIsRead() {
    PoolsFileHolder none = PoolsFileHolder.none(CLOCK);

    assertThat(none.all()).isEmpty();
    assertThat(none.path()).isEmpty();
    assertThat(none.reloadIfModified()).isEmpty();
    assertThat(none.reload(null, false).applied()).isFalse();
  }
}
