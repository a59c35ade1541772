package io.zonecast.central.recordset;

import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListQuery;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/v2/zones/{zoneId}/recordsets", produces = MediaType.APPLICATION_JSON_VALUE)
class RecordsetController {

  /** Designate's header for changing the recordsets it manages (admin only). */
  static final String EDIT_MANAGED_RECORDS = "X-Designate-Edit-Managed-Records";

  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "type", "records", "ttl", "description");

  private static final Set<String> UPDATE_FIELDS = Set.of("records", "ttl", "description");

  private final RecordsetService recordsets;

  RecordsetController(RecordsetService recordsets) {
    this.recordsets = recordsets;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      Caller caller, @PathVariable UUID zoneId, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, CREATE_FIELDS);
    RecordsetService.Written created =
        recordsets.create(
            caller,
            zoneId,
            new RecordsetService.NewRecordset(
                json.requiredString("name"),
                json.requiredString("type"),
                json.requiredStringList("records"),
                json.optionalInt("ttl"),
                json.optionalString("description")));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(RecordsetJson.of(created.recordset(), created.zoneName()));
  }

  @GetMapping
  Map<String, Object> list(
      Caller caller,
      @PathVariable UUID zoneId,
      @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(parameters, RecordsetService.FILTERS, RecordsetService.SORT_KEYS, caller);
    return RecordsetJson.page(
        recordsets.list(caller, zoneId, query),
        query,
        Links.to("/v2/zones/" + zoneId + "/recordsets"));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> update(
      Caller caller,
      @PathVariable UUID zoneId,
      @PathVariable UUID id,
      @RequestHeader(value = EDIT_MANAGED_RECORDS, required = false) String editManaged,
      @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, UPDATE_FIELDS);
    Recordset recordset =
        recordsets.update(
            caller,
            zoneId,
            id,
            new RecordsetService.RecordsetUpdate(
                json.has("records") ? json.requiredStringList("records") : null,
                json.present("ttl"),
                json.optionalInt("ttl"),
                json.present("description"),
                json.optionalString("description")),
            editManaged != null && editManaged.strip().equalsIgnoreCase("true"));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(RecordsetJson.of(recordset, recordsets.zoneName(caller, zoneId)));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, Object>> delete(
      Caller caller, @PathVariable UUID zoneId, @PathVariable UUID id) {
    String zoneName = recordsets.zoneName(caller, zoneId);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(RecordsetJson.of(recordsets.delete(caller, zoneId, id), zoneName));
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID zoneId, @PathVariable UUID id) {
    return RecordsetJson.of(
        recordsets.get(caller, zoneId, id), recordsets.zoneName(caller, zoneId));
  }
}
