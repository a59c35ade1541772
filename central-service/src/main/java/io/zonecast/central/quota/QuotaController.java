package io.zonecast.central.quota;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/v2/quotas", produces = MediaType.APPLICATION_JSON_VALUE)
class QuotaController {

  private static final Set<String> FIELDS =
      Stream.of(QuotaResource.values()).map(r -> r.apiName).collect(Collectors.toSet());

  private final QuotaService quotas;

  QuotaController(QuotaService quotas) {
    this.quotas = quotas;
  }

  @GetMapping({"", "/"})
  Map<String, Object> own(Caller caller) {
    return json(quotas.get(caller, caller.projectId()));
  }

  @GetMapping("/{projectId}")
  Map<String, Object> get(Caller caller, @PathVariable String projectId) {
    return json(quotas.get(caller, projectId));
  }

  @PatchMapping(path = "/{projectId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> set(
      Caller caller, @PathVariable String projectId, @RequestBody JsonNode body) {
    JsonBody.of(body, FIELDS);
    Map<QuotaResource, Long> limits = new EnumMap<>(QuotaResource.class);
    for (QuotaResource resource : QuotaResource.values()) {
      JsonNode value = body.get(resource.apiName);
      if (value == null) {
        continue;
      }
      if (!value.isIntegralNumber()
          || !value.canConvertToLong()
          || value.asLong() < QuotaResource.MIN
          || value.asLong() > QuotaResource.MAX) {
        throw ApiException.invalidObject(
            "'"
                + resource.apiName
                + "' must be an integer between "
                + QuotaResource.MIN
                + " and "
                + QuotaResource.MAX);
      }
      limits.put(resource, value.asLong());
    }
    return json(quotas.set(caller, projectId, limits));
  }

  @DeleteMapping("/{projectId}")
  ResponseEntity<Void> reset(Caller caller, @PathVariable String projectId) {
    quotas.reset(caller, projectId);
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }

  private static Map<String, Object> json(Map<QuotaResource, Long> limits) {
    Map<String, Object> json = new LinkedHashMap<>();
    limits.forEach((resource, limit) -> json.put(resource.apiName, limit));
    return json;
  }
}
