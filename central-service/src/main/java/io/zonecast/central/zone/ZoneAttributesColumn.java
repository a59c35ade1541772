package io.zonecast.central.zone;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A zone's attributes as the JSON object kept in {@code zones.attributes} (jsonb). */
@Converter
class ZoneAttributesColumn implements AttributeConverter<Map<String, String>, String> {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(Map<String, String> attributes) {
    return JSON.writeValueAsString(attributes == null ? Map.of() : attributes);
  }

  @Override
  public Map<String, String> convertToEntityAttribute(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(JSON.readValue(json, MAP));
  }
}
