package io.zonecast.central.recordset;

import io.zonecast.central.notification.Notifier;
import io.zonecast.central.system.Caller;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneNotifications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code dns.recordset.create}, {@code dns.recordset.update} and {@code dns.recordset.delete}, with
 * the recordset as Designate's notification payload carries it (storage names, its records).
 */
@Component
class RecordsetNotifications {

  private final Notifier notifier;

  RecordsetNotifications(Notifier notifier) {
    this.notifier = notifier;
  }

  void emit(String action, Recordset recordset, Zone zone, Caller caller) {
    if (notifier.enabled()) {
      notifier.emit("dns.recordset." + action, payload(recordset, zone), caller);
    }
  }

  static Map<String, Object> payload(Recordset recordset, Zone zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", recordset.getId().toString());
    json.put("version", recordset.getVersion() + 1);
    json.put("created_at", ZoneNotifications.time(recordset.getCreatedAt()));
    json.put("updated_at", ZoneNotifications.time(recordset.getUpdatedAt()));
    json.put("tenant_id", recordset.getProjectId());
    json.put("zone_id", zone.getId().toString());
    json.put("zone_name", zone.getName());
    json.put("name", recordset.getName());
    json.put("type", recordset.getType());
    json.put("ttl", recordset.getTtl());
    json.put("description", recordset.getDescription());
    json.put("status", recordset.getStatus());
    json.put("action", recordset.getAction());
    List<Map<String, Object>> records =
        recordset.data().stream()
            .map(data -> {
              Map<String, Object> record = new LinkedHashMap<>();
              record.put("data", data);
              record.put("zone_id", zone.getId().toString());
              record.put("recordset_id", recordset.getId().toString());
              record.put("tenant_id", recordset.getProjectId());
              record.put("managed", recordset.isManaged());
              record.put("status", recordset.getStatus());
              record.put("action", recordset.getAction());
              return record;
            })
            .toList();
    json.put("records", records);
    return json;
  }
}
