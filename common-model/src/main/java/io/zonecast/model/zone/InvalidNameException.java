package io.zonecast.model.zone;

/** A domain name that cannot be used; the message says why. */
public class InvalidNameException extends IllegalArgumentException {
  public InvalidNameException(String message) {
    super(message);
  }
}
