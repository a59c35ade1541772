package io.zonecast.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.central.SecondaryZoneNotified;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneRef;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContractJsonTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final ZoneRef zone =
      new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 3_000_000_000L);

  @Test
  void pollUsesTheSpecsFieldNames() {
    var poll =
        new PollForSerialNumber(
            new RequestContext("req-1", "p1"), zone, "127.0.0.1:5310", 1.5, 0.1, 10);
    JsonNode tree = json.valueToTree(poll);
    assertThat(tree.get("retry_interval").asDouble()).isEqualTo(0.1);
    assertThat(tree.get("max_retries").asInt()).isEqualTo(10);
    assertThat(tree.get("zone").get("serial").asLong()).isEqualTo(3_000_000_000L);
    assertThat(tree.get("context").get("request_id").asText()).isEqualTo("req-1");
    assertThat(json.treeToValue(tree, PollForSerialNumber.class)).isEqualTo(poll);
  }

  @Test
  void updateStatusCarriesANullSerialAfterTimeouts() {
    var status =
        new UpdateStatus(
            RequestContext.system("req-2"), zone, "127.0.0.1:5310", PollStatus.ERROR, null);
    String text = json.writeValueAsString(status);
    assertThat(text).contains("\"actual_serial\":null");
    assertThat(json.readValue(text, UpdateStatus.class)).isEqualTo(status);
  }

  @Test
  void secondaryZoneNotifiedNamesTheZoneAndTheMaster() {
    var notified =
        new SecondaryZoneNotified(RequestContext.system("req-notify-1"), zone, "192.0.2.53");
    JsonNode tree = json.valueToTree(notified);
    assertThat(tree.get("zone").get("pool_id").asText()).isEqualTo(zone.poolId().toString());
    assertThat(tree.get("master").asText()).isEqualTo("192.0.2.53");
    assertThat(json.treeToValue(tree, SecondaryZoneNotified.class)).isEqualTo(notified);
    assertThat(Messaging.TYPES)
        .containsEntry(SecondaryZoneNotified.TYPE, SecondaryZoneNotified.class);
  }

  @Test
  void everyContractHasAVersionedLogicalName() {
    assertThat(Messaging.TYPES.keySet())
        .allMatch(name -> name.matches("[a-z_]+\\.[a-z_]+\\.v\\d+"));
  }
}
