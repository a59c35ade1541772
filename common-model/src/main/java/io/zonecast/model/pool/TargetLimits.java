package io.zonecast.model.pool;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a target refuses to load, known from the pools file so central can refuse a change up front
 * instead of the target refusing the transfer. Today one limit: the records one RRset may have, the
 * target option {@code max_records_per_type}. BIND 9.18.28 and later (and 9.20) refuse a zone with
 * an RRset over their {@code max-records-per-type} ("too many records (must not exceed 100)"), 100
 * by default, so a {@code bind9} or {@code bind9_catalog} target has 100 unless its options say
 * otherwise; other targets have no limit unless they say. 0 means no limit, as in BIND.
 */
public final class TargetLimits {

  /** The target option. */
  public static final String MAX_RECORDS_PER_TYPE = "max_records_per_type";

  /** BIND's default of {@code max-records-per-type} (9.18.28+, 9.20). */
  public static final int BIND9_MAX_RECORDS_PER_TYPE = 100;

  private TargetLimits() {}

  /** The smallest limit of a pool, and the target that sets it. */
  public record Limit(int records, String target) {}

  /**
   * The records one RRset may have on {@code target}; empty for no limit.
   *
   * @throws InvalidPoolsFileException when the option is not a number from 0
   */
  public static OptionalInt maxRecordsPerType(Pool.Target target) {
    String option = target.options().get(MAX_RECORDS_PER_TYPE);
    int limit;
    if (option == null || option.isBlank()) {
      if (!target.type().equals("bind9") && !target.type().equals("bind9_catalog")) {
        return OptionalInt.empty();
      }
      limit = BIND9_MAX_RECORDS_PER_TYPE;
    } else {
      try {
        limit = Integer.parseInt(option.strip());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 0) {
        throw new InvalidPoolsFileException(
            "target '"
                + target.description()
                + "': "
                + MAX_RECORDS_PER_TYPE
                + " '"
                + option
                + "' is not a number from 0 (0: no limit)");
      }
    }
    return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /** The smallest {@link #maxRecordsPerType} of the pool's targets; empty when none has one. */
  public static Optional<Limit> smallest(Pool pool) {
    Limit smallest = null;
    for (Pool.Target target : pool.targets()) {
      OptionalInt limit = maxRecordsPerType(target);
      if (limit.isPresent() && (smallest == null || limit.getAsInt() < smallest.records())) {
        String name =
            target.description() == null || target.description().isBlank()
                ? target.type() + " target " + target.option("host", "?")
                : target.description();
        smallest = new Limit(limit.getAsInt(), name);
      }
    }
    return Optional.ofNullable(smallest);
  }
}
