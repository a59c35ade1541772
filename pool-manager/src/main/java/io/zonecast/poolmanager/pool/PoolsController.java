package io.zonecast.poolmanager.pool;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFileHolder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pools in force and their reload, on the pool manager's management port (loopback by default):
 * {@code GET /pools}; {@code POST /pools/reload} reads the pools file again and answers what
 * changed (200) or why the file was refused (422, the pools in force unchanged); with {@code
 * ?dry-run=true} nothing is applied, and a YAML body is checked instead of the file ({@code
 * bin/zonecast pool update --file F --dry-run}).
 */
@RestController
@RequestMapping(path = "/pools", produces = MediaType.APPLICATION_JSON_VALUE)
class PoolsController {

  private final Pools pools;

  PoolsController(Pools pools) {
    this.pools = pools;
  }

  @GetMapping
  Map<String, Object> inForce() {
    return pools.holder().json(PoolsController::json);
  }

  @PostMapping("/reload")
  ResponseEntity<Map<String, Object>> reload(
      @RequestParam(name = "dry-run", defaultValue = "false") boolean dryRun,
      @RequestBody(required = false) String content) {
    boolean given = content != null && !content.isBlank();
    if (given && !dryRun) {
      return ResponseEntity.badRequest()
          .body(
              Map.of(
                  "error",
                  "a body is only checked with ?dry-run=true; a reload reads "
                      + pools.path().toAbsolutePath()));
    }
    PoolsFileHolder.Reload result = pools.reload(given ? content : null, dryRun);
    return ResponseEntity.status(
            result.refused() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
        .body(result.json());
  }

  /** The same for a terminal ({@code Accept: text/plain}): the outcome, then one change a line. */
  @PostMapping(path = "/reload", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> reloadAsText(
      @RequestParam(name = "dry-run", defaultValue = "false") boolean dryRun,
      @RequestBody(required = false) String content) {
    ResponseEntity<Map<String, Object>> answer = reload(dryRun, content);
    Map<String, Object> json = answer.getBody();
    StringBuilder text = new StringBuilder();
    if (json.containsKey("result")) {
      text.append(json.get("result")).append(" (generation ").append(json.get("generation"));
      text.append(")\n");
      if (json.get("error") != null) {
        text.append(json.get("error")).append('\n');
      }
      for (Object change : (List<?>) json.get("changes")) {
        text.append("  ").append(change).append('\n');
      }
    } else {
      text.append(json.get("error")).append('\n');
    }
    return ResponseEntity.status(answer.getStatusCode()).body(text.toString());
  }

  private static Map<String, Object> json(Pool pool) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", pool.id().toString());
    json.put("name", pool.name());
    json.put(
        "targets",
        pool.targets().stream()
            .map(t -> Map.of("type", t.type(), "address", Pools.dnsAddress(t).toString()))
            .toList());
    json.put("nameservers", strings(pool.nameservers()));
    json.put("also_notifies", strings(pool.alsoNotifies()));
    return json;
  }

  private static List<String> strings(List<Pool.HostPort> hostPorts) {
    return hostPorts.stream().map(Pool.HostPort::toString).toList();
  }
}
