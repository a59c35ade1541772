package io.zonecast.central.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body with the checks Designate's schemas make: the body is an
 * object, it has no field the resource does not know, and each field has the right JSON type. Every
 * problem is a 400 invalid_object naming the field.
 */
public final class JsonBody {

  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  public static JsonBody of(JsonNode node, Set<String> allowedFields) {
    if (node == null || !node.isObject()) {
      throw ApiException.invalidObject("The request body must be a JSON object");
    }
    Set<String> unknown = new TreeSet<>(node.propertyNames());
    unknown.removeAll(allowedFields);
    if (!unknown.isEmpty()) {
      throw ApiException.invalidObject(
          "Additional properties are not allowed (" + String.join(", ", unknown) + ")");
    }
    return new JsonBody(node);
  }

  /** The field is in the body, possibly as an explicit null. */
  public boolean present(String field) {
    return node.has(field);
  }

  public boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  public String requiredString(String field) {
    if (!has(field)) {
      throw ApiException.invalidObject("'" + field + "' is a required property");
    }
    return optionalString(field);
  }

  public String optionalString(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isString()) {
      throw ApiException.invalidObject("'" + field + "' must be a string");
    }
    return value.asString();
  }

  public Integer optionalInt(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.invalidObject("'" + field + "' must be an integer");
    }
    return value.asInt();
  }

  public List<String> requiredStringList(String field) {
    if (!has(field)) {
      throw ApiException.invalidObject("'" + field + "' is a required property");
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw ApiException.invalidObject("'" + field + "' must be a list of strings");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw ApiException.invalidObject("'" + field + "' must be a list of strings");
      }
      result.add(item.asString());
    }
    return result;
  }

  public JsonNode raw(String field) {
    return node.get(field);
  }
}
