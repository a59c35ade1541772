package io.zonecast.central.scheduler;

import io.zonecast.model.pool.Pool;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code attribute}: keeps the pools whose attributes match every attribute of the zone, {@code
 * pool_id} aside. A pool without attributes matches any zone, and a zone without attributes any
 * pool (Designate: "do not filter pools by attributes when none are provided"). Values that spell a
 * boolean compare as booleans ({@code true} matches {@code yes}, as Designate's bool_from_string);
 * any other value must be equal, case and all.
 */
final class AttributeFilter implements PoolFilter {

  private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
  private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");

  @Override
  public String name() {
    return "attribute";
  }

  @Override
  public List<Pool> filter(List<Pool> candidates, SchedulingRequest request) {
    Map<String, String> wanted = request.attributes().hints();
    return candidates.stream().filter(pool -> matches(pool, wanted)).toList();
  }

  private static boolean matches(Pool pool, Map<String, String> wanted) {
    Map<String, String> offered = pool.attributes();
    if (offered.keySet().stream().allMatch(ZoneAttributes.POOL_ID::equals)) {
      return true;
    }
    return wanted.entrySet().stream()
        .allMatch(hint ->
            offered.containsKey(hint.getKey())
                && sameValue(offered.get(hint.getKey()), hint.getValue()));
  }

  static boolean sameValue(String pool, String zone) {
    Object a = booleanOrText(pool);
    Object b = booleanOrText(zone);
    return a.equals(b);
  }

  private static Object booleanOrText(String value) {
    String word = value.strip().toLowerCase(Locale.ROOT);
    if (TRUE.contains(word)) {
      return Boolean.TRUE;
    }
    if (FALSE.contains(word)) {
      return Boolean.FALSE;
    }
    return value;
  }
}
