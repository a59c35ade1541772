package io.zonecast.central.zone;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A SECONDARY zone's masters as the JSON list kept in {@code zones.masters} (jsonb). */
@Converter
class ZoneMastersColumn implements AttributeConverter<List<String>, String> {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(List<String> masters) {
    return JSON.writeValueAsString(masters == null ? List.of() : masters);
  }

  @Override
  public List<String> convertToEntityAttribute(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    return List.copyOf(JSON.readValue(json, LIST));
  }
}
