package io.zonecast.model.pool;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pools file of one process, the only reader of it there: every other class asks this holder
 * for the pools in force. Each version is an immutable {@link Snapshot} that replaces the one
 * before at once, and only after the whole file passed the service's {@link Check}: a file that is
 * missing or invalid is refused with the reason and the pools in force stay as they are (at
 * start-up, it stops the start). All ways of reloading ({@code
 * io.zonecast.runtime.pool.PoolsFileReloads}: SIGHUP, the file's modification, {@code POST
 * /pools/reload}) end in {@link #reload}, which tells the listener of every new version ({@link
 * PoolsReloaded}, published after the swap).
 *
 * <p>Without a path ({@link #none}) there are no pools and nothing is ever read (MiniDNS without a
 * pools file).
 */
public final class PoolsFileHolder {

  private static final Logger log = LoggerFactory.getLogger(PoolsFileHolder.class);

  /** One version of the pools file in force, numbered from 1 (start-up). */
  public record Snapshot(long generation, List<Pool> pools, Instant readAt) {
    public Snapshot {
      pools = List.copyOf(pools);
    }
  }

  /**
   * What a reload did: applied (a new generation, or nothing changed), only checked (dry run), or
   * refused with the reason ({@code error}); {@code changes} one line per change.
   */
  public record Reload(
      boolean applied,
      boolean dryRun,
      long generation,
      List<String> changes,
      String error,
      Instant at) {
    public Reload {
      changes = List.copyOf(changes);
    }

    public boolean refused() {
      return error != null;
    }

    /** {@code refused}, {@code applied}, {@code checked} (dry run) or {@code unchanged}. */
    public String outcome() {
      return refused() ? "refused" : applied() ? "applied" : dryRun() ? "checked" : "unchanged";
    }

    /** As the {@code /pools/reload} endpoints answer it. */
    public Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("result", outcome());
      json.put("dry_run", dryRun);
      json.put("generation", generation);
      json.put("changes", changes);
      json.put("error", error);
      json.put("at", at.toString());
      return json;
    }
  }

  /** What a service requires of a version beyond its syntax, before it is put in force. */
  @FunctionalInterface
  public interface Check {

    /**
     * @param source how to name the file in the error (its path, or "the pools file given")
     * @throws InvalidPoolsFileException when the service cannot use {@code file}
     */
    void check(PoolsFile file, List<Pool> inForce, String source);

    Check NONE = (file, inForce, source) -> {};
  }

  private final Path path;
  private final Check check;
  private final Clock clock;
  private final Consumer<PoolsReloaded> listener;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private volatile Reload lastReload;
  private volatile FileState readState;

  /**
   * Reads {@code path} and puts it in force, or throws {@link InvalidPoolsFileException}.
   *
   * @param listener told of each version put in force after start-up
   */
  public PoolsFileHolder(Path path, Check check, Clock clock, Consumer<PoolsReloaded> listener) {
    this.path = Objects.requireNonNull(path, "path");
    this.check = check;
    this.clock = clock;
    this.listener = listener;
    FileState state = FileState.of(path);
    PoolsFile file = read(null);
    check.check(file, List.of(), path.toString());
    current.set(new Snapshot(1, file.pools(), clock.instant()));
    readState = state;
  }

  private PoolsFileHolder(Clock clock) {
    this.path = null;
    this.check = Check.NONE;
    this.clock = clock;
    this.listener = reloaded -> {};
    current.set(new Snapshot(1, List.of(), clock.instant()));
  }

  /** No pools file: no pools, and reloads change nothing. */
  public static PoolsFileHolder none(Clock clock) {
    return new PoolsFileHolder(clock);
  }

  /** The pools in force. */
  public List<Pool> all() {
    return current.get().pools();
  }

  public Optional<Pool> find(UUID id) {
    return all().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Snapshot snapshot() {
    return current.get();
  }

  /** The file; empty when there is none. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * The version in force and the last reload, as the {@code GET /pools} endpoints answer them, each
   * pool shown by {@code pool}.
   */
  public Map<String, Object> json(Function<Pool, Map<String, Object>> pool) {
    Snapshot snapshot = snapshot();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", path().map(p -> p.toAbsolutePath().toString()).orElse(null));
    json.put("generation", snapshot.generation());
    json.put("read_at", snapshot.readAt().toString());
    json.put("pools", snapshot.pools().stream().map(pool).toList());
    json.put("last_reload", lastReload().map(Reload::json).orElse(null));
    return json;
  }

  /** The last reload's result, once every listener heard of it; empty before the first. */
  public Optional<Reload> lastReload() {
    return Optional.ofNullable(lastReload);
  }

  /**
   * Reads the pools file again and, unless {@code dryRun}, puts it in force when it passes the
   * check and changes anything; the listener then hears of the changes. {@code content}, when
   * given, is checked instead of the file (dry run only: what is in force is always the file).
   */
  public synchronized Reload reload(String content, boolean dryRun) {
    if (content != null && !dryRun) {
      throw new IllegalArgumentException(
          "only a dry run checks given content; a reload reads " + path);
    }
    Snapshot before = current.get();
    if (path == null && content == null) {
      return new Reload(false, dryRun, before.generation(), List.of(), null, clock.instant());
    }
    FileState state = content == null ? FileState.of(path) : null;
    Reload result;
    PoolsChanges changes = null;
    try {
      PoolsFile file = read(content);
      check.check(file, before.pools(), source(content));
      changes = PoolsChanges.between(before.pools(), file.pools());
      if (dryRun || changes.isEmpty()) {
        result =
            new Reload(
                false, dryRun, before.generation(), changes.describe(), null, clock.instant());
      } else {
        Snapshot after = new Snapshot(before.generation() + 1, file.pools(), clock.instant());
        current.set(after);
        result =
            new Reload(true, false, after.generation(), changes.describe(), null, after.readAt());
      }
    } catch (InvalidPoolsFileException e) {
      result =
          new Reload(
              false, dryRun, before.generation(), List.of(), e.getMessage(), clock.instant());
    }
    log(result, dryRun);
    if (!dryRun) {
      readState = state;
    }
    try {
      if (result.applied()) {
        listener.accept(new PoolsReloaded(changes, current.get()));
      }
    } finally {
      if (!dryRun) {
        lastReload = result; // after the listener: a reload seen here has reached every consumer
      }
    }
    return result;
  }

  /**
   * Reloads when the file's modification time or size differ from those of the last read (a refused
   * version is not read again until it changes); empty when it had not changed.
   */
  public Optional<Reload> reloadIfModified() {
    if (path == null || Objects.equals(FileState.of(path), readState)) {
      return Optional.empty();
    }
    return Optional.of(reload(null, false));
  }

  private void log(Reload result, boolean dryRun) {
    if (result.refused()) {
      log.warn(
          "pools file {} refused{}: {}; generation {} stays in force",
          path,
          dryRun ? " (dry run)" : "",
          result.error(),
          result.generation());
    } else if (result.applied()) {
      log.info(
          "pools file {}: generation {} in force: {}", path, result.generation(), result.changes());
      all().forEach(PoolsFileHolder::logPool);
    } else {
      log.info(
          "pools file {}{}: {}",
          path,
          dryRun ? " checked (dry run)" : " read again",
          result.changes().isEmpty() ? "no changes" : result.changes());
    }
  }

  private PoolsFile read(String content) {
    if (content != null) {
      return PoolsFile.parse(new StringReader(content), source(content));
    }
    if (!Files.isRegularFile(path)) {
      // PoolsFile would say only "cannot read pools file x: x" (NoSuchFileException's message)
      throw new InvalidPoolsFileException(
          "pools file " + path.toAbsolutePath() + " does not exist or is not a file");
    }
    PoolsFile file = PoolsFile.read(path);
    if (current.get() == null) {
      file.pools().forEach(PoolsFileHolder::logPool);
    }
    return file;
  }

  private String source(String content) {
    return content == null ? String.valueOf(path) : "the pools file given";
  }

  private static void logPool(Pool pool) {
    log.info(
        "pool {} ({}): {} targets, {} nameservers, {} also_notifies",
        pool.name(),
        pool.id(),
        pool.targets().size(),
        pool.nameservers().size(),
        pool.alsoNotifies().size());
  }

  /** What tells a changed file: its modification time and size (null when it cannot be read). */
  private record FileState(FileTime modified, long size) {
    static FileState of(Path path) {
      try {
        return new FileState(Files.getLastModifiedTime(path), Files.size(path));
      } catch (IOException e) {
        return null;
      }
    }
  }
}
