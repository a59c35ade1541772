package io.zonecast.model.pool;

/** The pools file cannot be used; the message says where and why. */
public class InvalidPoolsFileException extends RuntimeException {
  public InvalidPoolsFileException(String message) {
    super(message);
  }
}
