package io.zonecast.minidns.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * MiniDNS serving a pool's catalog zone to a real BIND9 9.18 that consumes it ({@code
 * catalog-zones}): zones inserted and marked for deletion as central does appear on and disappear
 * from BIND9 after a NOTIFY of the catalog alone, without any rndc call.
 */
// the database is dropped after the class: close the context too, or its heartbeat logs failures
// (with stack traces) into the tests that run after it
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogZoneIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("catalog_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final UUID POOL = UUID.randomUUID();
  static final String CATALOG = "catalog.zonecast.test.";
  static Bind9Secondary bind;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    infra.migrate(DB);
    Path pools = Files.createTempFile("catalog-it-pools", ".yaml");
    Files.writeString(
        pools,
        """
        - name: catalogued
          id: %s
          ns_records: [{hostname: ns1.example.org.}]
          catalog_zone:
            catalog_zone_fqdn: %s
            catalog_zone_refresh: 5
        """
            .formatted(POOL, CATALOG));
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("zonecast.minidns.port", () -> DNS_PORT);
    // no pools file lists this test's loopback clients and secondary: allow them by address
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
    registry.add("zonecast.minidns.pools-file", pools::toString);
  }

  @BeforeAll
  static void startSecondary() throws Exception {
    bind = Bind9Secondary.startConsumingCatalog("catalog-it", CATALOG, DNS_PORT);
  }

  @AfterAll
  static void cleanUp() {
    if (bind != null) {
      bind.close();
    }
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;

  ZoneRef insertZone(String label) {
    UUID id = UUID.randomUUID();
    String name = label + "-" + id.toString().substring(0, 8) + ".example.org.";
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action, created_at)"
            + " values (?, 'p', ?, ?, 'h@example.org', 300, 7, 'PENDING', 'CREATE', now())",
        id,
        POOL,
        name);
    UUID soa = UUID.randomUUID();
    jdbc.update(
        "insert into recordsets (id, zone_id, project_id, name, type, managed, status, action, serial, created_at)"
            + " values (?, ?, 'p', ?, 'SOA', true, 'PENDING', 'CREATE', 7, now())",
        soa,
        id,
        name);
    jdbc.update(
        "insert into records (id, recordset_id, zone_id, data) values (?, ?, ?, ?)",
        UUID.randomUUID(),
        soa,
        id,
        "ns1.example.org. h.example.org. 7 3600 600 86400 300");
    UUID ns = UUID.randomUUID();
    jdbc.update(
        "insert into recordsets (id, zone_id, project_id, name, type, managed, status, action, serial, created_at)"
            + " values (?, ?, 'p', ?, 'NS', true, 'PENDING', 'CREATE', 7, now())",
        ns,
        id,
        name);
    jdbc.update(
        "insert into records (id, recordset_id, zone_id, data) values (?, ?, ?, ?)",
        UUID.randomUUID(),
        ns,
        id,
        "ns1.example.org.");
    return new ZoneRef(id, name, POOL, 7);
  }

  long catalogSerial() throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(DNS_PORT);
    Message answer =
        resolver.send(
            Message.newQuery(Record.newRecord(Name.fromString(CATALOG), Type.SOA, DClass.IN)));
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    return ((SOARecord) answer.getSection(Section.ANSWER).getFirst()).getSerial();
  }

  /** Read from the table: what MiniDNS caches cannot hide a change there. */
  long storedCatalogSerial() {
    return jdbc.queryForObject(
        "select serial from catalog_serials where pool_id = ?", Long.class, POOL);
  }

  /** The catalog's SOA serial once it is newer than {@code serial} (RFC 1982). */
  long newerSerialThan(long serial) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(this::catalogSerial, s -> SerialNumber.of(s).isNewerThan(SerialNumber.of(serial)));
  }

  void notifyCatalog() {
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.NOTIFY_ZONE_CHANGED.routingKey(),
        new NotifyZoneChanged(
            RequestContext.system("catalog-it"),
            new ZoneRef(POOL, CATALOG, POOL, 0),
            "127.0.0.1:" + bind.port(),
            1.0,
            0.5,
            3));
  }

  List<Record> axfrOfCatalog() throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(CATALOG), "127.0.0.1", DNS_PORT, null);
    axfr.run();
    return axfr.getAXFR();
  }

  @Test
  void catalogListsThePoolsZonesByIdAndItsSerialMovesOnlyWithMembership() throws Exception {
    long before = catalogSerial();
    ZoneRef zone = insertZone("listed");
    long afterCreate = newerSerialThan(before);

    jdbc.update(
        "update zones set serial = 8, status = 'ACTIVE', action = 'NONE' where id = ?", zone.id());
    assertThat(storedCatalogSerial()).isEqualTo(afterCreate);

    List<Record> records = axfrOfCatalog();
    assertThat(((SOARecord) records.getFirst()).getSerial()).isEqualTo(afterCreate);
    assertThat(records)
        .filteredOn(r -> r.getType() == Type.TXT)
        .singleElement()
        .satisfies(r -> {
          assertThat(r.getName()).isEqualTo(Name.fromString("version." + CATALOG));
          assertThat(((TXTRecord) r).getStrings()).containsExactly("2");
        });
    assertThat(records)
        .filteredOn(r -> r.getType() == Type.PTR)
        .anySatisfy(r -> {
          assertThat(r.getName()).isEqualTo(Name.fromString(zone.id() + ".zones." + CATALOG));
          assertThat(((PTRRecord) r).getTarget()).isEqualTo(Name.fromString(zone.name()));
        });

    jdbc.update("update zones set action = 'DELETE', status = 'PENDING' where id = ?", zone.id());
    long afterDelete = newerSerialThan(afterCreate);
    Name memberLabel = Name.fromString(zone.id() + ".zones." + CATALOG);
    assertThat(axfrOfCatalog()).noneMatch(r -> r.getName().equals(memberLabel));

    // the row's final removal (central, after the DELETE succeeded) no longer changes the catalog
    jdbc.update("delete from zones where id = ?", zone.id());
    assertThat(storedCatalogSerial()).isEqualTo(afterDelete);
  }

  @Test
  void oneStatementAddingOrRemovingManyZonesMovesTheCatalogSerialOnce() throws Exception {
    long before = storedCatalogSerial();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    // as an import or a bulk clean-up does: many zones in one statement (one serial step for all,
    // not one per zone, which made such a statement quadratic in the number of zones)
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) select gen_random_uuid(), 'p', ?, 'bulk' || i || '-' || ? ||"
            + " '.example.org.', 'h@example.org', 300, 7, 'ACTIVE', 'NONE', now()"
            + " from generate_series(1, 1000) i",
        POOL,
        suffix);
    long afterInsert = storedCatalogSerial();
    assertThat(afterInsert).isEqualTo((before + 1) % (1L << 32));
    assertThat(newerSerialThan(before)).isEqualTo(afterInsert);
    assertThat(axfrOfCatalog())
        .filteredOn(r -> r.getType() == Type.PTR)
        .filteredOn(
            r -> ((PTRRecord) r).getTarget().toString().endsWith("-" + suffix + ".example.org."))
        .hasSize(1000);

    jdbc.update("delete from zones where name like ?", "bulk%-" + suffix + ".example.org.");
    assertThat(storedCatalogSerial()).isEqualTo((afterInsert + 1) % (1L << 32));
    assertThat(axfrOfCatalog())
        .noneMatch(r ->
            r.getType() == Type.PTR
                && ((PTRRecord) r).getTarget().toString().endsWith("-" + suffix + ".example.org."));
  }

  @Test
  void bindAddsAndRemovesZonesFromTheCatalogWithoutRndc() throws Exception {
    ZoneRef zone = insertZone("consumed");
    notifyCatalog();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(bind.soaSerial(zone.name())).hasValue(7));

    jdbc.update("update zones set action = 'DELETE', status = 'PENDING' where id = ?", zone.id());
    notifyCatalog();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(bind.query(zone.name(), Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED));
  }
}
