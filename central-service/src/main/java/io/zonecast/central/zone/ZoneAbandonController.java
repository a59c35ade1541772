package io.zonecast.central.zone;

import io.zonecast.central.system.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v2/zones/{id}/tasks/abandon}: 204, admin only (Designate's abandon_zone policy). */
@RestController
class ZoneAbandonController {

  private final ZoneAbandonment abandonment;

  ZoneAbandonController(ZoneAbandonment abandonment) {
    this.abandonment = abandonment;
  }

  @PostMapping("/v2/zones/{id}/tasks/abandon")
  ResponseEntity<Void> abandon(Caller caller, @PathVariable UUID id) {
    abandonment.abandon(caller, id);
    return ResponseEntity.noContent().build();
  }
}
