package io.zonecast.central.transfer;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /v2/zones/tasks/transfer_accepts} (201) and {@code GET ...[/{id}]}. */
@RestController
class TransferAcceptController {

  private static final Set<String> CREATE_FIELDS = Set.of("key", "zone_transfer_request_id");
  private static final int MAX_KEY_LENGTH = 160;

  private final TransferService transfers;

  TransferAcceptController(TransferService transfers) {
    this.transfers = transfers;
  }

  @PostMapping(
      path = TransferJson.ACCEPTS,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> accept(Caller caller, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, CREATE_FIELDS);
    String key = json.requiredString("key");
    if (key.length() > MAX_KEY_LENGTH) {
      throw ApiException.invalidObject("key is longer than " + MAX_KEY_LENGTH + " characters");
    }
    String rawId = json.requiredString("zone_transfer_request_id");
    UUID requestId;
    try {
      requestId = UUID.fromString(rawId);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidObject("zone_transfer_request_id is not a UUID: " + rawId);
    }
    TransferAccept accept = transfers.accept(caller, requestId, key);
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(Links.to(TransferJson.ACCEPTS + "/" + accept.id())))
        .body(TransferJson.of(accept));
  }

  @GetMapping(path = TransferJson.ACCEPTS, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(parameters, TransferService.FILTERS, TransferService.SORT_KEYS, caller);
    TransferService.AcceptPage page = transfers.listAccepts(caller, query);
    return ListJson.of(
        "transfer_accepts",
        page.accepts(),
        TransferJson::of,
        TransferAccept::id,
        page.total(),
        query,
        Links.to(TransferJson.ACCEPTS));
  }

  @GetMapping(path = TransferJson.ACCEPTS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return TransferJson.of(transfers.getAccept(caller, id));
  }
}
