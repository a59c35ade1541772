package io.zonecast.central.tsigkey;

import io.zonecast.central.admin.AdminJson;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.ListQuery;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Designate's /v2/tsigkeys: create, list, show, update, delete; the secret is shown, as there. */
@RestController
@RequestMapping(path = "/v2/tsigkeys", produces = MediaType.APPLICATION_JSON_VALUE)
class TsigKeyController {

  private static final Set<String> FIELDS =
      Set.of("name", "algorithm", "secret", "scope", "resource_id");

  private static final AdminJson<TsigKey> JSON =
      new AdminJson<>(
          "tsigkeys",
          (key, json) -> {
            TsigKeyFields fields = key.fields();
            json.put("name", fields.name());
            json.put("algorithm", fields.algorithm());
            json.put("secret", fields.secret());
            json.put("scope", fields.scope());
            json.put("resource_id", fields.resourceId().toString());
          });

  private final TsigKeyService keys;

  TsigKeyController(TsigKeyService keys) {
    this.keys = keys;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody JsonNode body) {
    caller.requireAdmin("create tsigkeys");
    JsonBody json = JsonBody.of(body, FIELDS);
    return JSON.created(
        keys.create(
            caller,
            new TsigKeyFields(
                json.optionalString("name"),
                json.optionalString("algorithm"),
                json.optionalString("secret"),
                json.optionalString("scope"),
                uuid(json.optionalString("resource_id")))));
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(parameters, TsigKeyService.FILTERS, TsigKeyService.SORT_KEYS, caller);
    return JSON.list(keys.list(caller, query), query);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return JSON.of(keys.get(caller, id));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
    caller.requireAdmin("change tsigkeys");
    JsonBody json = JsonBody.of(body, FIELDS);
    return JSON.of(
        keys.update(
            caller,
            id,
            old ->
                new TsigKeyFields(
                    json.present("name") ? json.optionalString("name") : old.name(),
                    json.present("algorithm") ? json.optionalString("algorithm") : old.algorithm(),
                    json.present("secret") ? json.optionalString("secret") : old.secret(),
                    json.present("scope") ? json.optionalString("scope") : old.scope(),
                    json.present("resource_id")
                        ? uuid(json.optionalString("resource_id"))
                        : old.resourceId())));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
    keys.delete(caller, id);
    return ResponseEntity.noContent().build();
  }

  private static UUID uuid(String text) {
    if (text == null) {
      throw ApiException.invalidObject("'resource_id' must be a UUID");
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidObject("'resource_id' must be a UUID, not " + text);
    }
  }
}
