package io.zonecast.central.zonefile;

import io.zonecast.central.input.StrictJson;
import io.zonecast.central.input.StrictText;
import io.zonecast.central.scheduler.ZoneAttributes;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Designate's zone import and export tasks ({@code /v2/zones/tasks/...}). */
@RestController
class ZoneTaskController {

  static final MediaType TEXT_DNS = MediaType.parseMediaType("text/dns");

  private final ZoneTasks tasks;
  private final ZoneImporter importer;
  private final ZoneExporter exporter;
  private final ZoneFileProperties properties;
  private final JsonMapper json;

  ZoneTaskController(
      ZoneTasks tasks,
      ZoneImporter importer,
      ZoneExporter exporter,
      ZoneFileProperties properties,
      JsonMapper json) {
    this.tasks = tasks;
    this.importer = importer;
    this.exporter = exporter;
    this.properties = properties;
    this.json = json;
  }

  /**
   * The body is the zone file (text/dns) or {@code {"zonefile": "...", "attributes": {...}}}
   * (application/json; attributes optional, as for a zone create).
   */
  @PostMapping(path = ZoneTaskJson.IMPORTS, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> startImport(Caller caller, HttpServletRequest request)
      throws IOException {
    MediaType type = contentType(request);
    String body = body(request);
    String zoneFile;
    ZoneAttributes attributes = ZoneAttributes.none();
    if (type.isCompatibleWith(TEXT_DNS)) {
      zoneFile = body;
    } else {
      JsonNode node;
      try {
        node = json.readTree(body);
      } catch (RuntimeException e) {
        throw ApiException.badRequest("bad_request", "Invalid JSON body");
      }
      if (node == null
          || !node.isObject()
          || !node.has("zonefile")
          || !node.get("zonefile").isString()) {
        throw ApiException.badRequest(
            "bad_request",
            "The \"zonefile\" field is required when using application/json content type");
      }
      StrictJson.check(node);
      zoneFile = node.get("zonefile").asString();
      if (node.has("attributes") && !node.get("attributes").isNull()) {
        attributes = ZoneAttributes.fromJson(node.get("attributes"));
      }
    }
    Map<String, Object> task = ZoneTaskJson.ofImport(importer.start(caller, zoneFile, attributes));
    return accepted(task);
  }

  @GetMapping(path = ZoneTaskJson.IMPORTS, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> imports(
      Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    return list(caller, ZoneTask.Type.IMPORT, parameters);
  }

  @GetMapping(path = ZoneTaskJson.IMPORTS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> getImport(Caller caller, @PathVariable UUID id) {
    return ZoneTaskJson.ofImport(tasks.get(caller, ZoneTask.Type.IMPORT, id));
  }

  /** Forgets the task; the zone it imported stays. */
  @DeleteMapping(ZoneTaskJson.IMPORTS + "/{id}")
  ResponseEntity<Void> deleteImport(Caller caller, @PathVariable UUID id) {
    tasks.delete(caller, ZoneTask.Type.IMPORT, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(
      path = "/v2/zones/{zoneId}/tasks/export",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> startExport(Caller caller, @PathVariable UUID zoneId) {
    return accepted(ZoneTaskJson.ofExport(exporter.start(caller, zoneId)));
  }

  @GetMapping(path = ZoneTaskJson.EXPORTS, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> exports(
      Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    return list(caller, ZoneTask.Type.EXPORT, parameters);
  }

  @GetMapping(path = ZoneTaskJson.EXPORTS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> getExport(Caller caller, @PathVariable UUID id) {
    return ZoneTaskJson.ofExport(tasks.get(caller, ZoneTask.Type.EXPORT, id));
  }

  @DeleteMapping(ZoneTaskJson.EXPORTS + "/{id}")
  ResponseEntity<Void> deleteExport(Caller caller, @PathVariable UUID id) {
    tasks.delete(caller, ZoneTask.Type.EXPORT, id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping(ZoneTaskJson.EXPORTS + "/{id}/export")
  ResponseEntity<String> exportFile(Caller caller, @PathVariable UUID id) {
    return ResponseEntity.ok().contentType(TEXT_DNS).body(exporter.file(caller, id));
  }

  private Map<String, Object> list(
      Caller caller, ZoneTask.Type type, MultiValueMap<String, String> parameters) {
    ListQuery query = ListQuery.of(parameters, ZoneTasks.FILTERS, ZoneTasks.SORT_KEYS, caller);
    ZoneTasks.Page page = tasks.list(caller, type, query);
    boolean imports = type == ZoneTask.Type.IMPORT;
    return ListJson.of(
        imports ? "imports" : "exports",
        page.tasks(),
        imports ? ZoneTaskJson::ofImport : ZoneTaskJson::ofExport,
        ZoneTask::id,
        page.total(),
        query,
        Links.to(imports ? ZoneTaskJson.IMPORTS : ZoneTaskJson.EXPORTS));
  }

  private static ResponseEntity<Map<String, Object>> accepted(Map<String, Object> task) {
    @SuppressWarnings("unchecked")
    Map<String, Object> links = (Map<String, Object>) task.get("links");
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create((String) links.get("self")))
        .body(task);
  }

  private static MediaType contentType(HttpServletRequest request) {
    String header = request.getContentType();
    if (header != null) {
      try {
        MediaType type = MediaType.parseMediaType(header);
        if (type.isCompatibleWith(TEXT_DNS) || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
          return type;
        }
      } catch (IllegalArgumentException e) {
        // refused below like any other type
      }
    }
    throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_content_type",
        "Content-type must be text/dns or application/json");
  }

  /**
   * The body, read no further than the import limit (the general request limit spares text/dns).
   */
  private String body(HttpServletRequest request) throws IOException {
    long limit = properties.maxImportBytes();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        bytes.write(buffer, 0, n);
        if (bytes.size() > limit) {
          throw new ApiException(
              HttpStatus.CONTENT_TOO_LARGE,
              "request_body_too_large",
              "The zone file is larger than " + limit + " bytes");
        }
      }
    }
    return StrictText.utf8("The request body", bytes.toByteArray(), bytes.size());
  }
}
