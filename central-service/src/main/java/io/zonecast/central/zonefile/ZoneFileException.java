package io.zonecast.central.zonefile;

/** A zone file that cannot be imported; the message names the line and says why. */
class ZoneFileException extends Exception {

  ZoneFileException(String message) {
    super(message);
  }

  static ZoneFileException at(int line, String message) {
    return new ZoneFileException("line " + line + ": " + message);
  }
}
