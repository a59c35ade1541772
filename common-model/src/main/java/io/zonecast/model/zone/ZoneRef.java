package io.zonecast.model.zone;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.zonecast.model.serial.SerialNumber;
import java.util.Objects;
import java.util.UUID;

/**
 * The part of a zone that travels in messages (the spec's "designate domain object"): its identity,
 * its name as an absolute domain name with the trailing dot, its pool and the serial the message is
 * about.
 */
public record ZoneRef(UUID id, String name, @JsonProperty("pool_id") UUID poolId, long serial) {

  public ZoneRef {
    Objects.requireNonNull(id, "zone id");
    Objects.requireNonNull(name, "zone name");
    Objects.requireNonNull(poolId, "pool id");
    if (!name.endsWith(".")) {
      throw new IllegalArgumentException("a zone name ends with a dot: " + name);
    }
    SerialNumber.of(serial);
  }

  public SerialNumber serialNumber() {
    return SerialNumber.of(serial);
  }

  public ZoneRef withSerial(long newSerial) {
    return new ZoneRef(id, name, poolId, newSerial);
  }
}
