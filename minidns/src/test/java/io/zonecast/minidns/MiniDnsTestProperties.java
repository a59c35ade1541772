package io.zonecast.minidns;

import io.zonecast.testsupport.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a MiniDNS IT's context is given: its database, migrated first (MiniDNS runs no migrations),
 * the local broker, and a DNS port of its own.
 */
public final class MiniDnsTestProperties {

  private MiniDnsTestProperties() {}

  public static void register(DynamicPropertyRegistry registry, String db, int dnsPort) {
    TestInfrastructure infra = TestInfrastructure.get();
    infra.migrate(db);
    infra.springProperties(db).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("zonecast.minidns.port", () -> dnsPort);
  }
}
