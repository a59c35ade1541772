package io.zonecast.central.scheduler;

import io.zonecast.central.system.ApiException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The attributes a zone is created with (Designate's zone attributes): string keys to string
 * values, hints the scheduler matches against the pools' attributes. {@code pool_id} is the one key
 * with a meaning of its own: an admin's choice of pool ({@link PoolIdAttributeFilter}).
 *
 * @param values the attributes in the order given
 */
public record ZoneAttributes(Map<String, String> values) {

  /** The attribute an admin names the zone's pool with. */
  public static final String POOL_ID = "pool_id";

  /** Designate's ZoneAttribute limits: key and value at most 50 characters. */
  static final int MAX_KEY_LENGTH = 50;

  static final int MAX_VALUE_LENGTH = 50;

  private static final ZoneAttributes NONE = new ZoneAttributes(Map.of());

  public ZoneAttributes {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static ZoneAttributes none() {
    return NONE;
  }

  /** Checked attributes; 400 invalid_object naming the attribute that breaks a rule. */
  public static ZoneAttributes of(Map<String, String> values) {
    for (Map.Entry<String, String> attribute : values.entrySet()) {
      String key = attribute.getKey();
      if (key.isBlank()) {
        throw ApiException.invalidObject("attribute names must not be empty");
      }
      if (key.length() > MAX_KEY_LENGTH) {
        throw ApiException.invalidObject(
            "attribute name '" + key + "' is longer than " + MAX_KEY_LENGTH + " characters");
      }
      if (attribute.getValue() == null) {
        throw ApiException.invalidObject("attribute '" + key + "' must be a string");
      }
      if (attribute.getValue().length() > MAX_VALUE_LENGTH) {
        throw ApiException.invalidObject(
            "attribute '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
      }
    }
    return new ZoneAttributes(values);
  }

  /**
   * The attributes of a request body: a JSON object of string values; 400 invalid_object for
   * anything else.
   */
  public static ZoneAttributes fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw ApiException.invalidObject(
          "'attributes' must be an object of string values, e.g. {\"tier\": \"gold\"}");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> attribute : node.properties()) {
      if (!attribute.getValue().isString()) {
        throw ApiException.invalidObject(
            "attribute '" + attribute.getKey() + "' must be a string, not " + attribute.getValue());
      }
      values.put(attribute.getKey(), attribute.getValue().asString());
    }
    return of(values);
  }

  /** The pool an admin asked for, as given (not yet checked to be a pool id). */
  public Optional<String> poolId() {
    return Optional.ofNullable(values.get(POOL_ID));
  }

  /** The attributes matched against the pools': all but {@code pool_id}. */
  Map<String, String> hints() {
    Map<String, String> hints = new LinkedHashMap<>(values);
    hints.remove(POOL_ID);
    return hints;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
