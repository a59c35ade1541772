package io.zonecast.central.tld;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

  private final TldService tlds;

  TldController(TldService tlds) {
    this.tlds = tlds;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    Tld tld = tlds.create(caller, json.requiredString("name"), json.optionalString("description"));
    Map<String, Object> rendered = json(tld);
    return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(self(tld))).body(rendered);
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query = ListQuery.of(parameters, TldService.FILTERS, TldService.SORT_KEYS, caller);
    TldService.Page page = tlds.list(caller, query);
    return ListJson.of(
        "tlds",
        page.tlds(),
        TldController::json,
        Tld::getId,
        page.total(),
        query,
        Links.to("/v2/tlds"));
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return json(tlds.get(caller, id));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    return json(
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

  private static String self(Tld tld) {
    return Links.to("/v2/tlds/" + tld.getId());
  }

  private static Map<String, Object> json(Tld tld) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", tld.getId().toString());
    json.put("name", tld.getName());
    json.put("description", tld.getDescription());
    json.put("created_at", ApiTime.format(tld.getCreatedAt()));
    json.put("updated_at", ApiTime.format(tld.getUpdatedAt()));
    json.put("links", Map.of("self", self(tld)));
    return json;
  }
}
