package io.zonecast.central.recordset;

import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListQuery;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Designate's cross-zone recordset view: {@code GET /v2/recordsets[/{id}]}. */
@RestController
@RequestMapping(path = "/v2/recordsets", produces = MediaType.APPLICATION_JSON_VALUE)
class RecordsetsController {

  private final RecordsetService recordsets;

  RecordsetsController(RecordsetService recordsets) {
    this.recordsets = recordsets;
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(
            parameters, RecordsetService.FILTERS, RecordsetService.CROSS_ZONE_SORT_KEYS, caller);
    return RecordsetJson.page(recordsets.listAll(caller, query), query, Links.to("/v2/recordsets"));
  }

  /** As Designate: a permanent redirect to the recordset's place under its zone. */
  @GetMapping("/{id}")
  ResponseEntity<Void> get(Caller caller, @PathVariable UUID id) {
    Recordset recordset = recordsets.find(caller, id);
    return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
        .location(
            URI.create(
                Links.to(
                    "/v2/zones/" + recordset.getZoneId() + "/recordsets/" + recordset.getId())))
        .build();
  }
}
