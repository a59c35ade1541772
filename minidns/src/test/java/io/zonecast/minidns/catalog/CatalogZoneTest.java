package io.zonecast.minidns.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.minidns.zonesource.CatalogMembership;
import io.zonecast.minidns.zonesource.ZoneHead;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class CatalogZoneTest {

  static final Name APEX = Name.fromConstantString("catalog.example.");
  static final UUID POOL = UUID.randomUUID();
  final CatalogZone catalog = new CatalogZone(APEX, POOL, 30);

  @Test
  void laysOutRfc9432VersionTwo() {
    UUID member = UUID.fromString("0c7cba44-1f76-4d1c-a0d6-0bb2c9e51fa3");
    List<Record> records =
        catalog.records(
            CatalogMembership.of(
                9, List.of(new CatalogMembership.Member(member, "zone.example.org."))));

    assertThat(records)
        .extracting(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .containsExactly(
            "catalog.example. NS invalid.",
            "version.catalog.example. TXT 2",
            "0c7cba44-1f76-4d1c-a0d6-0bb2c9e51fa3.zones.catalog.example. PTR zone.example.org.");
    assertThat(((org.xbill.DNS.TXTRecord) records.get(1)).getStrings()).containsExactly("2");
    assertThat(records).allMatch(r -> r.getTTL() == 0);
  }

  @Test
  void headCarriesTheSerialAndThePoolAsId() {
    ZoneHead head = catalog.head(4_000_000_000L);
    assertThat(head.id()).isEqualTo(POOL);
    assertThat(head.soa().getSerial()).isEqualTo(4_000_000_000L);
    assertThat(head.soa().getRefresh()).isEqualTo(30);
    assertThat(catalog.holds(Name.fromConstantString("x.zones.catalog.example."))).isTrue();
    assertThat(catalog.holds(Name.fromConstantString("example."))).isFalse();
  }

  @Test
  void refusesAnApexThatLeavesNoRoomForMemberLabels() {
    Name tooLong = Name.fromConstantString(("a".repeat(60) + ".").repeat(4));
    assertThatThrownBy(() -> new CatalogZone(tooLong, POOL, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }
}
