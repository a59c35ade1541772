package io.zonecast.poolmanager.target;

/** A backend call failed; the message is what the backend said. */
public class BackendException extends Exception {
  public BackendException(String message) {
    super(message);
  }
}
