package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Designate's {@code POST /v2/zones/{zone_id}/tasks/pool_move} (admin): 202 with an empty body, as
 * there; the zone's {@code pool_id}, {@code status} and {@code action} tell how the move goes.
 */
@RestController
class PoolMoveController {

  private static final Set<String> FIELDS = Set.of("pool_id");

  private final ZonePoolMove poolMove;

  PoolMoveController(ZonePoolMove poolMove) {
    this.poolMove = poolMove;
  }

  @PostMapping(path = "/v2/zones/{id}/tasks/pool_move")
  ResponseEntity<Void> move(
      Caller caller, @PathVariable UUID id, @RequestBody(required = false) JsonNode body) {
    UUID pool = null;
    if (body != null && !body.isNull() && !(body.isObject() && body.isEmpty())) {
      String given = JsonBody.of(body, FIELDS).optionalString("pool_id");
      if (given != null) {
        try {
          pool = UUID.fromString(given);
        } catch (IllegalArgumentException e) {
          throw ApiException.invalidObject("'pool_id' must be a UUID, was '" + given + "'");
        }
      }
    }
    poolMove.move(caller, id, pool);
    return ResponseEntity.accepted().build();
  }
}
