package io.zonecast.central.quota;

import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/limits}: the caller's project's quotas and the field limits, in the shape of
 * Designate's LimitsController (no policy: every project reads its own).
 */
@RestController
class LimitsController {

  /** RFC 1035 section 2.3.4 (names in presentation form, Designate's max_*_name_len default). */
  static final int MAX_NAME_LENGTH = 255;

  private final QuotaService quotas;

  LimitsController(QuotaService quotas) {
    this.quotas = quotas;
  }

  @GetMapping(
      path = {"/v2/limits", "/v2/limits/"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> limits(Caller caller) {
    Map<QuotaResource, Long> limits = quotas.limits(caller.projectId());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("max_zones", limits.get(QuotaResource.ZONES));
    json.put("max_zone_recordsets", limits.get(QuotaResource.ZONE_RECORDSETS));
    json.put("max_zone_records", limits.get(QuotaResource.ZONE_RECORDS));
    json.put("max_recordset_records", limits.get(QuotaResource.RECORDSET_RECORDS));
    json.put("min_ttl", 0);
    json.put("max_zone_name_length", MAX_NAME_LENGTH);
    json.put("max_recordset_name_length", MAX_NAME_LENGTH);
    json.put("max_page_limit", ListQuery.MAX_LIMIT);
    return json;
  }
}
