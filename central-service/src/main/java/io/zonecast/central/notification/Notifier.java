package io.zonecast.central.notification;

import io.zonecast.central.outbox.Outbox;
import io.zonecast.central.system.Caller;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emits Designate's notifications ({@code dns.zone.create}, {@code dns.recordset.update}, ...) as
 * oslo.messaging does: the message in the v2.0 envelope ({@code oslo.version}, {@code
 * oslo.message}) to a topic exchange with routing key {@code notifications.info}. The event is
 * written to the outbox in the change's own transaction, so it exists exactly when the change
 * committed and is relayed even after a broker outage; events of one zone keep their order.
 */
@Component
@EnableConfigurationProperties(NotificationProperties.class)
public class Notifier {

  static final String MESSAGE_TYPE = "oslo.notification";
  // oslo.messaging writes str(datetime.utcnow())
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private final NotificationProperties properties;
  private final Outbox outbox;
  private final JsonMapper json;
  private final Clock clock;

  Notifier(NotificationProperties properties, Outbox outbox, JsonMapper json, Clock clock) {
    this.properties = properties;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  public boolean enabled() {
    return properties.enabled();
  }

  /** Emits {@code eventType} with {@code payload} when notifications are enabled. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void emit(String eventType, Map<String, Object> payload, Caller caller) {
    if (!properties.enabled()) {
      return;
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", UUID.randomUUID().toString());
    message.put("publisher_id", properties.publisher());
    message.put("event_type", eventType);
    message.put("priority", "INFO");
    message.put("payload", payload);
    message.put("timestamp", TIMESTAMP.format(LocalDateTime.now(clock)));
    message.put("_unique_id", UUID.randomUUID().toString().replace("-", ""));
    contextKeys(caller).forEach((k, v) -> message.put("_context_" + k, v));
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("oslo.version", "2.0");
    envelope.put("oslo.message", json.writeValueAsString(message));
    outbox.appendTo(
        properties.exchange(), MESSAGE_TYPE, properties.routingKey(), envelope, caller.requestId());
  }

  /** The request context as Designate's DesignateContext.to_dict names it. */
  private static Map<String, Object> contextKeys(Caller caller) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("request_id", caller.requestId());
    keys.put("global_request_id", null);
    keys.put("user_id", null);
    keys.put("project_id", caller.projectId());
    keys.put("tenant", caller.projectId());
    keys.put("roles", caller.roles().stream().sorted().toList());
    keys.put("is_admin", caller.isAdmin());
    keys.put("all_tenants", caller.allProjects());
    return keys;
  }
}
