package io.zonecast.minidns.secondary;

/** A transfer that cannot be stored; its message goes to the zone's {@code status_message}. */
class TransferFailure extends RuntimeException {

  TransferFailure(String message) {
    super(message);
  }
}
