package io.zonecast.central.tld;

import io.zonecast.central.admin.AdminJson;
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

@RestController
@RequestMapping(path = "/v2/tlds", produces = MediaType.APPLICATION_JSON_VALUE)
class TldController {

  private static final Set<String> FIELDS = Set.of("name", "description");

  private static final AdminJson<Tld> JSON =
      new AdminJson<>(
          "tlds",
          (tld, json) -> {
            json.put("name", tld.getName());
            json.put("description", tld.getDescription());
          });

  private final TldService tlds;

  TldController(TldService tlds) {
    this.tlds = tlds;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    return JSON.created(
        tlds.create(caller, json.requiredString("name"), json.optionalString("description")));
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query = ListQuery.of(parameters, TldService.FILTERS, TldService.SORT_KEYS, caller);
    return JSON.list(tlds.list(caller, query), query);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return JSON.of(tlds.get(caller, id));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    return JSON.of(
        tlds.update(
            caller,
            id,
            new TldService.TldUpdate(
                json.present("name"),
                json.optionalString("name"),
                json.present("description"),
                json.optionalString("description"))));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
    tlds.delete(caller, id);
    return ResponseEntity.noContent().build();
  }
}
