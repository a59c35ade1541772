package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.runtime.resolve.HostResolver;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Makes the backend driver for a pool target by its type. */
@Component
public class Backends {

  private final Rndc rndc = new Rndc();
  private final Knotc knotc = new Knotc();
  private final PoolManagerProperties properties;
  private final HostResolver resolver;
  private final ControlChannels channels;

  public Backends(PoolManagerProperties properties, HostResolver resolver, Clock clock) {
    this.properties = properties;
    this.resolver = resolver;
    this.channels = new ControlChannels(clock);
  }

  /**
   * The driver of the target.
   *
   * @throws IllegalArgumentException when the type is unknown or its options are wrong
   */
  public Backend forTarget(Pool pool, Pool.Target target) {
    return switch (target.type()) {
      case "bind9" ->
          new Bind9Backend(target, rndc, properties.backend().rndcTimeout(), resolver, channels);
      case Bind9CatalogBackend.TYPE -> new Bind9CatalogBackend(pool, target, resolver);
      case KnotBackend.TYPE ->
          new KnotBackend(target, knotc, properties.backend().rndcTimeout(), resolver);
      default ->
          throw new IllegalArgumentException(
              "target type '"
                  + target.type()
                  + "' is not supported (supported: bind9, "
                  + Bind9CatalogBackend.TYPE
                  + ", "
                  + KnotBackend.TYPE
                  + ")");
    };
  }

  /** True for targets that learn of created and deleted zones from the pool's catalog zone. */
  public static boolean consumesCatalog(Pool.Target target) {
    return Bind9CatalogBackend.TYPE.equals(target.type());
  }
}
