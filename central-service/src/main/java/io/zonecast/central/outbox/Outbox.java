package io.zonecast.central.outbox;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an event is written in the transaction of the change it describes, so
 * it exists exactly when the change committed. After the commit the relay is woken at once; a crash
 * before the relay ran leaves the row for the next relay round.
 */
@Component
public class Outbox {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final OutboxRelay relay;

  Outbox(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay) {
    this.jdbc = jdbc;
    this.json = json;
    this.relay = relay;
  }

  /**
   * Appends an event about a zone: {@code zoneId} lets recovery see that the zone's change has not
   * reached the broker yet.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(
      String messageType, String routingKey, Object payload, String requestId, UUID zoneId) {
    jdbc.update(
        "insert into outbox_events (message_type, routing_key, payload, request_id, zone_id)"
            + " values (?, ?, ?, ?, ?)",
        messageType,
        routingKey,
        json.writeValueAsString(payload),
        requestId,
        zoneId);
    TransactionSynchronizationManager.registerSynchronization(wakeRelayAfterCommit());
  }

  /**
   * Appends an event for another exchange than zonecast's own (the notifications of {@code
   * notification}); it is relayed in order with the others.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendTo(
      String exchange, String messageType, String routingKey, Object payload, String requestId) {
    jdbc.update(
        "insert into outbox_events (exchange, message_type, routing_key, payload, request_id)"
            + " values (?, ?, ?, ?, ?)",
        exchange,
        messageType,
        routingKey,
        json.writeValueAsString(payload),
        requestId);
    TransactionSynchronizationManager.registerSynchronization(wakeRelayAfterCommit());
  }

  private TransactionSynchronization wakeRelayAfterCommit() {
    return new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        relay.wakeUp();
      }
    };
  }
}
