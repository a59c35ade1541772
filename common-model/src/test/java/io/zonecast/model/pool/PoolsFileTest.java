package io.zonecast.model.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PoolsFileTest {

  private static final String DESIGNATE_SAMPLE =
      """
      - name: default
        description: Default BIND9 Pool
        attributes: {}
        ns_records:
          - hostname: ns1-1.example.org.
            priority: 1
          - hostname: ns1-2.example.org.
            priority: 2
        nameservers:
          - host: 192.0.2.2
            port: 53
          - host: 192.0.2.3
            port: 53
        targets:
          - type: bind9
            description: BIND9 Server 1
            masters:
              - host: 192.0.2.1
                port: 5354
            options:
              host: 192.0.2.2
              port: 53
              rndc_host: 192.0.2.2
              rndc_port: 953
              rndc_key_file: /etc/designate/rndc.key
        also_notifies:
          - host: 192.0.2.4
            port: 53
      """;

  @Test
  void readsDesignatesBindSample() {
    PoolsFile file = PoolsFile.parse(new StringReader(DESIGNATE_SAMPLE), "sample");
    Pool pool = file.defaultPool();
    assertThat(pool.id()).isEqualTo(Pool.DEFAULT_POOL_ID);
    assertThat(pool.nsRecords())
        .extracting(Pool.NsRecord::hostname)
        .containsExactly("ns1-1.example.org.", "ns1-2.example.org.");
    assertThat(pool.nameservers()).hasSize(2);
    assertThat(pool.targets())
        .singleElement()
        .satisfies(t -> {
          assertThat(t.type()).isEqualTo("bind9");
          assertThat(t.masters()).containsExactly(new Pool.HostPort("192.0.2.1", 5354));
          assertThat(t.option("rndc_port", "")).isEqualTo("953");
        });
    assertThat(pool.alsoNotifies()).containsExactly(new Pool.HostPort("192.0.2.4", 53));
  }

  @Test
  void refusesAPoolWithoutNsRecords() {
    assertThatThrownBy(() -> PoolsFile.parse(new StringReader("- name: p\n"), "f"))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("pool 'p' needs at least one ns_records");
  }

  @Test
  void refusesNonYamlAndNonLists() {
    assertThatThrownBy(() -> PoolsFile.parse(new StringReader("a: [b"), "f"))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> PoolsFile.parse(new StringReader("name: x"), "f"))
        .hasMessageContaining("list of pools");
  }

  @Test
  void refusesABadPort() {
    String yaml =
        "- name: p\n  ns_records: [{hostname: ns1.example.org.}]\n  nameservers: [{host: h, port: x}]\n";
    assertThatThrownBy(() -> PoolsFile.parse(new StringReader(yaml), "f"))
        .hasMessageContaining("port 'x' is not a number");
  }

  @Test
  void readsACatalogZoneInDesignatesFormat() {
    String yaml =
        """
        - name: p
          ns_records: [{hostname: ns1.example.org.}]
          catalog_zone:
            catalog_zone_fqdn: Catalog.Example.
            catalog_zone_refresh: 30
        - name: q
          ns_records: [{hostname: ns1.example.org.}]
        """;
    PoolsFile file = PoolsFile.parse(new StringReader(yaml), "f");
    assertThat(file.pools().get(0).catalog())
        .contains(new Pool.CatalogZone("catalog.example.", 30));
    assertThat(file.pools().get(1).catalog()).isEmpty();
  }

  @Test
  void refusesABadCatalogZone() {
    String relative =
        "- name: p\n  ns_records: [{hostname: ns1.example.org.}]\n"
            + "  catalog_zone: {catalog_zone_fqdn: catalog.example}\n";
    assertThatThrownBy(() -> PoolsFile.parse(new StringReader(relative), "f"))
        .hasMessageContaining("pool 'p': catalog_zone needs a catalog_zone_fqdn");
    String pool =
        "  ns_records: [{hostname: ns1.example.org.}]\n"
            + "  catalog_zone: {catalog_zone_fqdn: catalog.example.}\n";
    assertThatThrownBy(() ->
            PoolsFile.parse(new StringReader("- name: a\n" + pool + "- name: b\n" + pool), "f"))
        .hasMessageContaining("two pools have the same catalog_zone_fqdn");
  }
}
