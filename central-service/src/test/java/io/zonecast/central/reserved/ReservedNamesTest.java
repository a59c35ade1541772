package io.zonecast.central.reserved;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.tld.TldService;
import io.zonecast.model.pool.Pool;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReservedNamesTest {

  static final Caller MEMBER = new Caller("p1", "req-1", Set.of("member"), false);
  static final Caller ADMIN = new Caller("p1", "req-1", Set.of("admin"), false);

  PoolCatalog pools = mock(PoolCatalog.class);
  TldService tlds = mock(TldService.class);

  @BeforeEach
  void onePoolWithoutTlds() {
    Pool pool =
        new Pool(
            Pool.DEFAULT_POOL_ID,
            "default",
            "",
            java.util.Map.of(),
            List.of(
                new Pool.NsRecord("ns1.dns.provider.net.", 1),
                new Pool.NsRecord("NS2.Other.Net", 2)),
            List.of(),
            List.of(),
            List.of());
    when(pools.all()).thenReturn(List.of(pool));
    when(tlds.tldsAbove(anyString())).thenReturn(Set.of());
  }

  private ReservedNames reserved(List<String> names, boolean poolDomains) {
    return new ReservedNames(new ReservedNamesProperties(names, poolDomains), pools, tlds);
  }

  private static final List<String> DEFAULTS =
      List.of(
          "arpa.",
          "home.arpa.",
          "localhost.",
          "invalid.",
          "test.",
          "example.",
          "local.",
          "onion.",
          "alt.");

  @Test
  void aReservedNameAndEverythingBelowItAreForAdminsOnly() {
    ReservedNames names = reserved(DEFAULTS, true);
    for (String zone :
        List.of(
            "in-addr.arpa.",
            "1.10.in-addr.arpa.",
            "x.home.arpa.",
            "a.test.",
            "b.alt.",
            "dns.provider.net.",
            "x.other.net.")) {
      assertThatThrownBy(() -> names.check(MEMBER, zone))
          .isInstanceOf(ApiException.class)
          .hasMessageStartingWith("Zone name " + zone + " is reserved");
      assertThatCode(() -> names.check(ADMIN, zone)).doesNotThrowAnyException();
    }
  }

  @Test
  void lookalikesAndTheDocumentationDomainsOfOrgAndComAreNotReserved() {
    ReservedNames names = reserved(DEFAULTS, true);
    for (String zone :
        List.of("example.org.", "a.example.com.", "notarpa.net.", "provider.net.", "mytest.org.")) {
      assertThatCode(() -> names.check(MEMBER, zone)).doesNotThrowAnyException();
    }
  }

  @Test
  void anEmptyListAndNoPoolDomainsReserveNothing() {
    ReservedNames names = reserved(List.of(), false);
    assertThatCode(() -> names.check(MEMBER, "in-addr.arpa.")).doesNotThrowAnyException();
    assertThatCode(() -> names.check(MEMBER, "dns.provider.net.")).doesNotThrowAnyException();
  }

  private static ReservedNamesProperties bind(java.util.Map<String, String> properties) {
    return new org.springframework.boot.context.properties.bind.Binder(
            new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                properties))
        .bindOrCreate("zonecast.central.reserved-zones", ReservedNamesProperties.class);
  }

  @Test
  void theDefaultsAreTheSpecialUseNamesAndAnEmptySettingEmptiesThem() {
    org.assertj.core.api.Assertions.assertThat(bind(java.util.Map.of()).names())
        .containsExactlyElementsOf(DEFAULTS);
    org.assertj.core.api.Assertions.assertThat(bind(java.util.Map.of()).poolNameserverDomains())
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(
            bind(java.util.Map.of("zonecast.central.reserved-zones.names", "")).names())
        .isEmpty();
  }

  @Test
  void aTldAnAdminCreatedBelowAReservedNameOpensTheNamesBelowIt() {
    when(tlds.tldsAbove("2.0.192.in-addr.arpa.")).thenReturn(Set.of("in-addr.arpa"));
    when(tlds.tldsAbove("in-addr.arpa.")).thenReturn(Set.of("in-addr.arpa"));
    ReservedNames names = reserved(DEFAULTS, true);
    assertThatCode(() -> names.check(MEMBER, "2.0.192.in-addr.arpa.")).doesNotThrowAnyException();
    assertThatThrownBy(() -> names.check(MEMBER, "in-addr.arpa.")).isInstanceOf(ApiException.class);
  }
}
