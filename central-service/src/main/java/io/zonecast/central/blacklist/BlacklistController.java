package io.zonecast.central.blacklist;

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
@RequestMapping(path = "/v2/blacklists", produces = MediaType.APPLICATION_JSON_VALUE)
class BlacklistController {

  private static final Set<String> FIELDS = Set.of("pattern", "description");

  private static final AdminJson<Blacklist> JSON =
      new AdminJson<>(
          "blacklists",
          (blacklist, json) -> {
            json.put("pattern", blacklist.getPattern());
            json.put("description", blacklist.getDescription());
          });

  private final BlacklistService blacklists;

  BlacklistController(BlacklistService blacklists) {
    this.blacklists = blacklists;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    return JSON.created(
        blacklists.create(
            caller, json.requiredString("pattern"), json.optionalString("description")));
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(parameters, BlacklistService.FILTERS, BlacklistService.SORT_KEYS, caller);
    return JSON.list(blacklists.list(caller, query), query);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return JSON.of(blacklists.get(caller, id));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    return JSON.of(
        blacklists.update(
            caller,
            id,
            new BlacklistService.BlacklistUpdate(
                json.present("pattern"),
                json.optionalString("pattern"),
                json.present("description"),
                json.optionalString("description"))));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
    blacklists.delete(caller, id);
    return ResponseEntity.noContent().build();
  }
}
