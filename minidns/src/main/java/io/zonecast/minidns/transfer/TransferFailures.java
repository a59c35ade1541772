package io.zonecast.minidns.transfer;

import io.zonecast.model.serial.SerialNumber;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;

/**
 * The zones this instance could not transfer, by zone: the serial it tried and why (a record that
 * cannot be put on the wire). A poll for that serial, or an older one, then reports ERROR with the
 * reason at once instead of waiting for its retries to run out (the secondaries can never catch up
 * until the zone changes). A later successful transfer of the zone forgets the failure.
 *
 * <p>Held in memory: with several MiniDNS instances, a poll run by another instance than the one
 * that served the failed transfer ends as before, ERROR when its retries run out.
 */
@Component
public class TransferFailures {

  /** Why the transfer of a zone at a serial failed. */
  public record Failure(long serial, String reason) {}

  private final Map<Name, Failure> failures = new ConcurrentHashMap<>();

  public void failed(Name zone, long serial, String reason) {
    failures.put(zone, new Failure(serial, reason));
  }

  public void succeeded(Name zone, long serial) {
    failures.computeIfPresent(
        zone,
        (name, failure) ->
            SerialNumber.of(serial).isAtLeast(SerialNumber.of(failure.serial())) ? null : failure);
  }

  /** Why the zone cannot reach {@code serial}: a failed transfer of that serial or a newer one. */
  public Optional<Failure> blocking(Name zone, long serial) {
    return Optional.ofNullable(failures.get(zone))
        .filter(f -> SerialNumber.of(f.serial()).isAtLeast(SerialNumber.of(serial)));
  }
}
