package io.zonecast.central.secondary.wire;

/** A transfer that cannot be stored; its message goes to the zone's {@code status_message}. */
public class TransferFailure extends RuntimeException {

  public TransferFailure(String message) {
    super(message);
  }
}
