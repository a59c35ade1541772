package io.zonecast.central;

import io.zonecast.testsupport.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What a central IT's context is given: its database and broker, loopback HTTP, a pools file. */
public final class CentralTestProperties {

  private CentralTestProperties() {}

  /** {@code poolsResource}: a pools file on the test classpath, e.g. {@code /test-pools.yaml}. */
  public static void register(DynamicPropertyRegistry registry, String db, String poolsResource) {
    TestInfrastructure.get()
        .springProperties(db)
        .forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add(
        "zonecast.central.pools-file",
        () -> CentralTestProperties.class.getResource(poolsResource).getPath());
  }
}
