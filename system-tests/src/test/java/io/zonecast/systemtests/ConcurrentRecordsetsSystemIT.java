package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.serial.SerialNumber;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Twenty clients add recordsets to one zone at the same moment: every one is stored, the zone's
 * serial rose exactly once per change (one journal step each, chained), and the zone turns ACTIVE
 * with all of them served by both BIND9 secondaries.
 */
class ConcurrentRecordsetsSystemIT {

  static final int CLIENTS = 20;

  @RegisterExtension static final StackExtension stack = StackExtension.named("concurrent");

  record Step(long oldSerial, long newSerial) {}

  @Test
  void twentyClientsAddingRecordsetsAtOnceAreAllStoredAndServed() throws Exception {
    ApiClient api = stack.api();
    String zone = "busy-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    String id = created.body().get("id").asString();
    long firstSerial = created.body().get("serial").asLong();

    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApiClient.Response>> answers = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
      for (int i = 0; i < CLIENTS; i++) {
        // a client of its own each: separate HTTP connections, truly concurrent requests
        ApiClient client = new ApiClient(stack.apiPort(), "concurrent");
        String body =
            "{\"name\":\"host"
                + i
                + "."
                + zone
                + "\",\"type\":\"A\",\"records\":[\"192.0.2."
                + (i + 1)
                + "\"]}";
        Callable<ApiClient.Response> add =
            () -> {
              go.await();
              return client.post("/v2/zones/" + id + "/recordsets", body);
            };
        answers.add(clients.submit(add));
      }
      go.countDown();
      for (Future<ApiClient.Response> answer : answers) {
        ApiClient.Response response = answer.get();
        assertThat(response.status()).as("%s", response.body()).isEqualTo(202);
      }
    }

    long serial = stack.zones().awaitActive(id, Duration.ofSeconds(90));
    assertThat(
            api.get("/v2/zones/" + id + "/recordsets?type=A&limit=100")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r -> r.get("name").asString()))
        .hasSize(CLIENTS);

    List<Step> steps = journal(id);
    assertThat(steps).as("one journal step per change").hasSize(CLIENTS);
    assertThat(steps.getFirst().oldSerial()).isEqualTo(firstSerial);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      assertThat(SerialNumber.of(step.newSerial()).isNewerThan(SerialNumber.of(step.oldSerial())))
          .as("step %d rises", i)
          .isTrue();
      if (i > 0) {
        assertThat(step.oldSerial())
            .as("step %d follows the one before", i)
            .isEqualTo(steps.get(i - 1).newSerial());
      }
    }
    assertThat(steps.getLast().newSerial()).isEqualTo(serial);

    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
      for (int i = 0; i < CLIENTS; i++) {
        Message answer = bind.query("host" + i + "." + zone, Type.A);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        int expected = i + 1;
        assertThat(answer.getSection(Section.ANSWER))
            .singleElement()
            .satisfies(r ->
                assertThat(((ARecord) r).getAddress().getHostAddress())
                    .isEqualTo("192.0.2." + expected));
      }
    }
  }

  private static List<Step> journal(String zoneId) throws Exception {
    List<Step> steps = new ArrayList<>();
    try (Connection db = stack.get().database();
        PreparedStatement query =
            db.prepareStatement(
                "select old_serial, new_serial from zone_journal_steps where zone_id = ? order by id")) {
      query.setObject(1, UUID.fromString(zoneId));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          steps.add(new Step(rows.getLong(1), rows.getLong(2)));
        }
      }
    }
    return steps;
  }
}
