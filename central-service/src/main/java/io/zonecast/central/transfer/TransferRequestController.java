package io.zonecast.central.transfer;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Descriptions;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /v2/zones/{id}/tasks/transfer_requests} (201) and {@code
 * /v2/zones/tasks/transfer_requests[/{id}]}: list, show, update (PATCH, 200), delete (204).
 */
@RestController
class TransferRequestController {

  // zone_id and zone_name are set from the URL by Designate's controller whatever the body says
  private static final Set<String> CREATE_FIELDS =
      Set.of("target_project_id", "description", "zone_id", "zone_name");
  private static final Set<String> UPDATE_FIELDS =
      Set.of(
          "description",
          "target_project_id",
          "zone_id",
          "zone_name",
          "id",
          "key",
          "project_id",
          "status",
          "created_at",
          "updated_at",
          "links");
  private static final int MAX_PROJECT_ID_LENGTH = 255;

  private final TransferService transfers;

  TransferRequestController(TransferService transfers) {
    this.transfers = transfers;
  }

  @PostMapping(
      path = "/v2/zones/{zoneId}/tasks/transfer_requests",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      Caller caller, @PathVariable UUID zoneId, @RequestBody(required = false) JsonNode body) {
    JsonBody json =
        JsonBody.of(body == null ? JsonNodeFactory.instance.objectNode() : body, CREATE_FIELDS);
    String target = json.optionalString("target_project_id");
    if (target != null && (target.isBlank() || target.length() > MAX_PROJECT_ID_LENGTH)) {
      throw ApiException.invalidObject(
          "target_project_id must be a project id of 1 to "
              + MAX_PROJECT_ID_LENGTH
              + " characters");
    }
    String description = Descriptions.check(json.optionalString("description"));
    TransferRequest request = transfers.create(caller, zoneId, target, description);
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(Links.to(TransferJson.REQUESTS + "/" + request.id())))
        .body(TransferJson.of(request, caller));
  }

  @GetMapping(path = TransferJson.REQUESTS, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(parameters, TransferService.FILTERS, TransferService.SORT_KEYS, caller);
    TransferService.RequestPage page = transfers.list(caller, query);
    return ListJson.of(
        "transfer_requests",
        page.requests(),
        r -> TransferJson.of(r, caller),
        TransferRequest::id,
        page.total(),
        query,
        Links.to(TransferJson.REQUESTS));
  }

  @GetMapping(path = TransferJson.REQUESTS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return TransferJson.of(transfers.get(caller, id), caller);
  }

  /**
   * Only {@code description} may change; other fields may be sent with their current values (as a
   * client sending back what it read), a different value is 400 invalid_object as in Designate's
   * adapter (immutable or read-only field).
   */
  @PatchMapping(
      path = TransferJson.REQUESTS + "/{id}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, UPDATE_FIELDS);
    TransferRequest current = transfers.get(caller, id);
    Map<String, Object> shown = TransferJson.of(current, caller);
    for (String field : UPDATE_FIELDS) {
      if (field.equals("description") || field.equals("links") || !json.present(field)) {
        continue;
      }
      JsonNode value = json.raw(field);
      Object now = shown.get(field);
      boolean same =
          value.isNull() ? now == null : value.isString() && value.asString().equals(now);
      if (!same) {
        throw ApiException.invalidObject(
            "Provided object does not match schema: " + field + " cannot be changed");
      }
    }
    String description =
        json.present("description")
            ? Descriptions.check(json.optionalString("description"))
            : current.description();
    return TransferJson.of(transfers.updateDescription(caller, id, description), caller);
  }

  @DeleteMapping(TransferJson.REQUESTS + "/{id}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
    transfers.delete(caller, id);
    return ResponseEntity.noContent().build();
  }
}
