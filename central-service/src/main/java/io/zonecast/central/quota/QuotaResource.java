package io.zonecast.central.quota;

import io.zonecast.central.system.CentralProperties;
import java.util.Arrays;
import java.util.Optional;

/** The quota resources of Designate ({@code VALID_QUOTAS}), by their API names. */
enum QuotaResource {
  ZONES("zones"),
  ZONE_RECORDSETS("zone_recordsets"),
  ZONE_RECORDS("zone_records"),
  RECORDSET_RECORDS("recordset_records"),
  API_EXPORT_SIZE("api_export_size");

  /** Designate's bounds of a hard limit; -1 means unlimited. */
  static final long MIN = -1;

  static final long MAX = Integer.MAX_VALUE;

  final String apiName;

  QuotaResource(String apiName) {
    this.apiName = apiName;
  }

  static Optional<QuotaResource> byApiName(String name) {
    return Arrays.stream(values()).filter(r -> r.apiName.equals(name)).findFirst();
  }

  long defaultLimit(CentralProperties.Quotas defaults) {
    return switch (this) {
      case ZONES -> defaults.zones();
      case ZONE_RECORDSETS -> defaults.zoneRecordsets();
      case ZONE_RECORDS -> defaults.zoneRecords();
      case RECORDSET_RECORDS -> defaults.recordsetRecords();
      case API_EXPORT_SIZE -> defaults.apiExportSize();
    };
  }
}
