package io.zonecast.central.system;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links to resources, built from the address the caller used. */
public final class Links {

  private Links() {}

  public static String to(String path) {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
  }
}
