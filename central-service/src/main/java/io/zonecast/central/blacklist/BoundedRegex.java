package io.zonecast.central.blacklist;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A regular expression search with a time budget. Java's matcher cannot be interrupted, so the
 * input checks the clock while the matcher reads it: a pattern that backtracks catastrophically
 * stops instead of holding a request thread (Designate gives each blacklist pattern 20 ms).
 */
final class BoundedRegex {

  /** The budget ran out before the search ended. */
  static final class TimedOut extends RuntimeException {
    TimedOut() {
      super(null, null, false, false);
    }
  }

  private BoundedRegex() {}

  /** Whether {@code pattern} is found in {@code text}; throws {@link TimedOut} past the budget. */
  static boolean find(Pattern pattern, String text, Duration budget) {
    return pattern.matcher(new Deadline(text, System.nanoTime() + budget.toNanos())).find();
  }

  private record Deadline(String text, long deadlineNanos) implements CharSequence {

    @Override
    public char charAt(int index) {
      if (System.nanoTime() > deadlineNanos) {
        throw new TimedOut();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadline(text.substring(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
