package io.zonecast.minidns.pools;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFileHolder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pools file in force, on MiniDNS's management port (loopback by default), as on the pool
 * manager's: {@code GET /pools}; {@code POST /pools/reload} reads the file again and answers what
 * changed (200) or why it was refused (422, the version in force unchanged).
 */
@RestController
@RequestMapping(path = "/pools", produces = MediaType.APPLICATION_JSON_VALUE)
class PoolsController {

  private final PoolsFileHolder pools;

  PoolsController(PoolsFileHolder pools) {
    this.pools = pools;
  }

  @GetMapping
  Map<String, Object> inForce() {
    return pools.json(PoolsController::json);
  }

  @PostMapping("/reload")
  ResponseEntity<Map<String, Object>> reload() {
    PoolsFileHolder.Reload result = pools.reload(null, false);
    return ResponseEntity.status(
            result.refused() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
        .body(result.json());
  }

  private static Map<String, Object> json(Pool pool) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", pool.id().toString());
    json.put("name", pool.name());
    json.put("catalog_zone", pool.catalog().map(c -> c.fqdn()).orElse(null));
    return json;
  }
}
