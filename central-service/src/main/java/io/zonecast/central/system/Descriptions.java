package io.zonecast.central.system;

/** Descriptions are at most 160 characters, as in Designate. */
public final class Descriptions {

  public static final int MAX = 160;

  private Descriptions() {}

  public static String check(String description) {
    if (description != null && description.length() > MAX) {
      throw ApiException.invalidObject("description is longer than " + MAX + " characters");
    }
    return description;
  }
}
