package io.zonecast.central.admin;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An admin-managed resource of {@code /v2/{collection}} in Designate's JSON: {@code id}, the
 * resource's own fields, {@code created_at}, {@code updated_at} and a {@code self} link; lists and
 * 201 Created answers around it.
 *
 * @param <E> the resource's entity
 */
public final class AdminJson<E extends AdminEntity> {

  private final String collection;
  private final BiConsumer<E, Map<String, Object>> fields;

  /**
   * @param collection the resource's path below {@code /v2/} and its lists' key, e.g. {@code tlds}
   * @param fields puts the resource's own fields, in the API's order
   */
  public AdminJson(String collection, BiConsumer<E, Map<String, Object>> fields) {
    this.collection = collection;
    this.fields = fields;
  }

  public Map<String, Object> of(E entity) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", entity.getId().toString());
    fields.accept(entity, json);
    json.put("created_at", ApiTime.format(entity.getCreatedAt()));
    json.put("updated_at", ApiTime.format(entity.getUpdatedAt()));
    json.put("links", Map.of("self", self(entity)));
    return json;
  }

  /** 201 with the new resource and its address in {@code Location}. */
  public ResponseEntity<Map<String, Object>> created(E entity) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(self(entity)))
        .body(of(entity));
  }

  public Map<String, Object> list(AdminStore.Page<E> page, ListQuery query) {
    return ListJson.of(
        collection,
        page.items(),
        this::of,
        AdminEntity::getId,
        page.total(),
        query,
        Links.to("/v2/" + collection));
  }

  private String self(E entity) {
    return Links.to("/v2/" + collection + "/" + entity.getId());
  }
}
