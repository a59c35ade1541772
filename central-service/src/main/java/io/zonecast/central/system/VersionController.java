package io.zonecast.central.system;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Version discovery at {@code GET /}, in the shape of Designate's versions app. */
@RestController
class VersionController {

  static final String API_REF = "https://docs.openstack.org/api-ref/dns";
  // the dates Designate gives these versions
  static final String V2_UPDATED = "2022-06-29T00:00:00Z";
  static final String V2_1_UPDATED = "2023-01-25T00:00:00Z";

  @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> versions() {
    String v2 = Links.to("/v2");
    // as Designate lists them: v2 and v2.0, then one entry per microversion, the newest CURRENT
    return Map.of(
        "versions",
        List.of(
            version("v2", "SUPPORTED", V2_UPDATED, v2),
            version("v2.0", "SUPPORTED", V2_UPDATED, v2),
            version("v2.1", "CURRENT", V2_1_UPDATED, v2)));
  }

  private static Map<String, Object> version(
      String id, String status, String updated, String href) {
    return Map.of(
        "id",
        id,
        "status",
        status,
        "updated",
        updated,
        "links",
        List.of(Map.of("href", href, "rel", "self"), Map.of("href", API_REF, "rel", "help")));
  }
}
