package io.zonecast.central.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** A zone whose propagation never reports back is handed to the pool manager again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PendingRecoveryIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_recovery_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> PendingRecoveryIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.recovery.interval", () -> "300ms");
    registry.add("zonecast.central.recovery.pending-after", () -> "1s");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  @Autowired ZoneRepository zones;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void aZoneLeftPendingIsPublishedAgainWithItsSerialAndAction() {
    ApiClient api = new ApiClient(port, "recovery");
    String name = "r" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}");
    long serial = created.body().get("serial").asLong();

    ZoneChanged first = nextFor(name);
    ZoneChanged again = nextFor(name);

    assertThat(first.context().requestId()).startsWith("req-").doesNotContain("recovery");
    assertThat(again.context().requestId()).startsWith("req-recovery-");
    assertThat(again.action()).isEqualTo(ZoneAction.CREATE);
    assertThat(again.zone().serial()).isEqualTo(serial);
  }

  @Test
  void theWaitBetweenRepublicationsGrowsWithTheTimeTheZoneHasBeenPending() {
    UUID id = createZone("b");
    LocalDateTime changed = LocalDateTime.of(2026, 1, 1, 0, 0);

    // each re-publication waits as long as the zone has been PENDING so far, at least minSeconds
    // (1 s here) and at most maxSeconds (3600 s here); the clock is the query's parameter
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            transactions.executeWithoutResult(status -> {
              status.setRollbackOnly();
              published(id, changed, changed.plusNanos(200_000_000));
              assertThat(staleIds(changed.plusNanos(1_100_000_000))).doesNotContain(id);
              assertThat(staleIds(changed.plusNanos(1_200_000_000))).contains(id);

              published(id, changed, changed.plusSeconds(10));
              assertThat(staleIds(changed.plusSeconds(19))).doesNotContain(id);
              assertThat(staleIds(changed.plusSeconds(20))).contains(id);

              published(id, changed, changed.plusSeconds(30));
              assertThat(staleIds(changed.plusSeconds(59))).doesNotContain(id);
              assertThat(staleIds(changed.plusSeconds(60))).contains(id);

              published(id, changed, changed.plusHours(5));
              assertThat(staleIds(changed.plusHours(6).minusSeconds(1))).doesNotContain(id);
              assertThat(staleIds(changed.plusHours(6))).contains(id);
            }));
  }

  private UUID createZone(String prefix) {
    ApiClient api = new ApiClient(port, "recovery");
    String name = prefix + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    return UUID.fromString(
        api.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asText());
  }

  /** The zone PENDING since {@code changed}, its change last handed over at {@code publishedAt}. */
  private void published(UUID id, LocalDateTime changed, LocalDateTime publishedAt) {
    jdbc.update(
        "update zones set status = 'PENDING', updated_at = ?, published_at = ? where id = ?",
        changed,
        publishedAt,
        id);
  }

  @Test
  void aZoneWhoseChangeStillWaitsInTheOutboxIsLeftToTheRelay() {
    UUID id = createZone("o");
    LocalDateTime muchLater = LocalDateTime.now().plusDays(1);

    // one transaction, rolled back: the zone is stale and locked by it (so no recovery round of
    // this context can skip it in between), then an unsent event for it appears in the outbox
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            transactions.executeWithoutResult(status -> {
              status.setRollbackOnly();
              assertThat(staleIds(muchLater)).contains(id);
              jdbc.update(
                  "insert into outbox_events (message_type, routing_key, payload, zone_id)"
                      + " values ('test.held', 'test.held', '{}', ?)",
                  id);
              assertThat(staleIds(muchLater)).doesNotContain(id);
            }));
  }

  private List<UUID> staleIds(LocalDateTime now) {
    return zones.lockStalePending(now, 1, 3600, 10_000).stream().map(Zone::getId).toList();
  }

  /** The next event for this zone (other test classes' zones may share the queue). */
  private ZoneChanged nextFor(String name) {
    return (ZoneChanged)
        await("a ZoneChanged for " + name)
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> rabbit.receiveAndConvert(names.queue(Messaging.ZONE_CHANGED), 1000),
                message ->
                    message instanceof ZoneChanged change && change.zone().name().equals(name));
  }
}
