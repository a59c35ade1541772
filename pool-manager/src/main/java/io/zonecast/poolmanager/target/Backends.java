package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import org.springframework.stereotype.Component;

/** Makes the backend for a pool target by its type. */
@Component
public class Backends {

  private final Rndc rndc = new Rndc();
  private final PoolManagerProperties properties;

  Backends(PoolManagerProperties properties) {
    this.properties = properties;
  }

  public Backend forTarget(Pool.Target target) {
    return switch (target.type()) {
      case "bind9" -> new Bind9Backend(target, rndc, properties.backend().rndcTimeout());
      default ->
          throw new IllegalArgumentException(
              "target type '" + target.type() + "' is not supported (supported: bind9)");
    };
  }
}
