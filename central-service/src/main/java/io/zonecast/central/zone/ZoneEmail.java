package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import java.util.regex.Pattern;

/** A zone's contact email (it becomes the SOA RNAME): one {@code @}, a valid host name after it. */
final class ZoneEmail {

  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

  private ZoneEmail() {}

  static String check(String email) {
    if (email == null) {
      throw ApiException.invalidObject("'email' is a required property");
    }
    int at = email.indexOf('@');
    if (at <= 0
        || at != email.lastIndexOf('@')
        || !LOCAL.matcher(email.substring(0, at)).matches()
        || !HOST.matcher(email.substring(at + 1)).matches()) {
      throw ApiException.invalidObject("'" + email + "' is not a valid email address");
    }
    return email;
  }
}
