package io.zonecast.central.zone;

import io.zonecast.central.notification.Notifier;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.CentralProperties;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code dns.zone.create}, {@code dns.zone.update} and {@code dns.zone.delete}, with the zone as
 * Designate's notification payload carries it: the zone object's fields by their storage names
 * ({@code tenant_id}), times as oslo's jsonutils writes them.
 */
@Component
public class ZoneNotifications {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private final Notifier notifier;
  private final CentralProperties.Soa soa;

  ZoneNotifications(Notifier notifier, CentralProperties properties) {
    this.notifier = notifier;
    this.soa = properties.soa();
  }

  void created(Zone zone, Caller caller) {
    emit("dns.zone.create", zone, caller);
  }

  void updated(Zone zone, Caller caller) {
    emit("dns.zone.update", zone, caller);
  }

  void deleted(Zone zone, Caller caller) {
    emit("dns.zone.delete", zone, caller);
  }

  private void emit(String type, Zone zone, Caller caller) {
    if (notifier.enabled()) {
      notifier.emit(type, payload(zone), caller);
    }
  }

  Map<String, Object> payload(Zone zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", zone.getId().toString());
    json.put("version", zone.getVersion() + 1);
    json.put("created_at", time(zone.getCreatedAt()));
    json.put("updated_at", time(zone.getUpdatedAt()));
    json.put("deleted", "0");
    json.put("deleted_at", null);
    json.put("tenant_id", zone.getProjectId());
    json.put("name", zone.getName());
    json.put("email", zone.getEmail());
    json.put("ttl", zone.getTtl());
    json.put("refresh", soa.refresh());
    json.put("retry", soa.retry());
    json.put("expire", soa.expire());
    json.put("minimum", soa.minimum());
    json.put("serial", zone.getSerial());
    json.put("description", zone.getDescription());
    json.put("status", zone.getStatus().name());
    json.put("action", zone.getAction().name());
    json.put("pool_id", zone.getPoolId().toString());
    json.put("type", zone.getType());
    json.put("masters", List.of());
    json.put(
        "attributes",
        zone.getAttributes().entrySet().stream()
            .map(e -> Map.of("key", e.getKey(), "value", e.getValue()))
            .toList());
    json.put("shared", false);
    json.put("transferred_at", null);
    return json;
  }

  /** A time as oslo's jsonutils.to_primitive writes a datetime. */
  public static String time(LocalDateTime time) {
    return time == null ? null : TIME.format(time);
  }
}
