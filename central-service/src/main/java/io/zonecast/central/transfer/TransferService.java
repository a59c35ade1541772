package io.zonecast.central.transfer;

import io.zonecast.central.notification.Notifier;
import io.zonecast.central.quota.QuotaService;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneOwnership;
import io.zonecast.central.zone.ZoneService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Zone ownership transfers, as Designate's central service does them ({@code
 * create_zone_transfer_request} ... {@code create_zone_transfer_accept}): a project offers a zone;
 * the accepting project, given the request's id and key, becomes the owner of the zone and its
 * recordsets in one transaction.
 */
@Service
class TransferService {

  static final Set<String> FILTERS = Set.of("status");
  static final List<String> SORT_KEYS = List.of("created_at", "id", "updated_at");
  private static final Map<String, String> SORT_COLUMNS =
      Map.of(
          "created_at", "t.created_at",
          "id", "t.id",
          "updated_at", "coalesce(t.updated_at, timestamp '1970-01-01')");
  // Designate's _transfer_key_generator: 8 characters of A-Z and 0-9 from the system's CSPRNG
  private static final String KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int KEY_LENGTH = 8;

  private final TransferStore store;
  private final ZoneService zones;
  private final ZoneOwnership ownership;
  private final QuotaService quotas;
  private final Notifier notifier;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  TransferService(
      TransferStore store,
      ZoneService zones,
      ZoneOwnership ownership,
      QuotaService quotas,
      Notifier notifier,
      NamedParameterJdbcTemplate jdbc,
      Clock clock) {
    this.store = store;
    this.zones = zones;
    this.ownership = ownership;
    this.quotas = quotas;
    this.notifier = notifier;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  TransferRequest create(Caller caller, UUID zoneId, String targetProjectId, String description) {
    Zone zone = zones.get(caller, zoneId);
    if (zone.isBeingDeleted()) {
      throw ApiException.badRequest("bad_request", "Can not transfer a deleting zone");
    }
    if (store.activeRequestExists(zone.getId())) {
      throw duplicate();
    }
    TransferRequest request =
        new TransferRequest(
            UUID.randomUUID(),
            zone.getId(),
            zone.getName(),
            zone.getProjectId(),
            targetProjectId,
            key(),
            description,
            TransferRequest.ACTIVE,
            1,
            now(),
            null);
    try {
      store.insert(request);
    } catch (DuplicateKeyException e) {
      throw duplicate();
    }
    emit("dns.zone_transfer_request.create", TransferJson.payload(request), caller);
    return request;
  }

  @Transactional(readOnly = true)
  TransferRequest get(Caller caller, UUID id) {
    return store.request(id).filter(r -> r.isVisibleTo(caller)).orElseThrow(() -> notFound(id));
  }

  record RequestPage(List<TransferRequest> requests, long total) {}

  /** The caller's requests and those addressed to it (every project's with all-projects). */
  @Transactional(readOnly = true)
  RequestPage list(Caller caller, ListQuery query) {
    SqlListing listing = new SqlListing("zone_transfer_requests t", "t.id");
    if (!caller.allProjects()) {
      listing.scope(
          "(t.project_id = :project or t.target_project_id = :project)",
          "project",
          caller.projectId());
    }
    SqlListing.Page page =
        listing
            .text("t.status", query.filter("status"), v -> v.toUpperCase(Locale.ROOT), false)
            .page(jdbc, query, SORT_COLUMNS);
    return new RequestPage(page.load(store::requests, TransferRequest::id), page.total());
  }

  /**
   * Only the description changes (the zone and the target are immutable, as in Designate's
   * adapter); the owner's (or an admin's) to change, as {@code update_zone_transfer_request}.
   */
  @Transactional
  TransferRequest updateDescription(Caller caller, UUID id, String description) {
    TransferRequest request = lockOwn(caller, id);
    store.updateDescription(id, description, now());
    TransferRequest updated = store.request(id).orElseThrow();
    emit("dns.zone_transfer_request.update", TransferJson.payload(updated), caller);
    return updated;
  }

  @Transactional
  void delete(Caller caller, UUID id) {
    TransferRequest request = lockOwn(caller, id);
    store.deleteRequest(request.id());
    emit("dns.zone_transfer_request.delete", TransferJson.payload(request), caller);
  }

  /**
   * Designate's checks in its order: the request must be visible (404), ACTIVE (400
   * invalid_zone_transfer_request), the key right (403 invalid_key), the caller its target or any
   * project when it has none (403), the zone not being deleted (400), the new owner within its
   * zones quota (413). Then the zone and its recordsets belong to the caller; nothing the zone
   * serves changes.
   */
  @Transactional
  TransferAccept accept(Caller caller, UUID requestId, String key) {
    TransferRequest request =
        store
            .lockRequest(requestId)
            .filter(r -> r.isVisibleTo(caller))
            .orElseThrow(() -> notFound(requestId));
    if (!TransferRequest.ACTIVE.equals(request.status())) {
      throw ApiException.badRequest(
          "invalid_zone_transfer_request",
          TransferRequest.COMPLETE.equals(request.status())
              ? "Zone Transfer Request has been used"
              : "Zone Transfer Request Invalid");
    }
    if (!request.key().equals(key)) {
      throw ApiException.forbiddenAs("invalid_key", "Key does not match stored key for request");
    }
    if (request.targetProjectId() != null && !request.isAddressedTo(caller) && !caller.isAdmin()) {
      throw ApiException.forbidden("The transfer request is addressed to another project");
    }
    Zone zone = ownership.lockForTransfer(request.zoneId());
    quotas.enforceZones(caller.projectId());
    ownership.transfer(zone, caller.projectId());
    LocalDateTime now = now();
    store.complete(request.id(), now);
    TransferAccept accept =
        new TransferAccept(
            UUID.randomUUID(),
            request.id(),
            request.zoneId(),
            caller.projectId(),
            key,
            TransferRequest.COMPLETE,
            2,
            now,
            now);
    store.insert(accept);
    emit("dns.zone_transfer_accept.create", TransferJson.payload(accept), caller);
    return accept;
  }

  /** As Designate: the caller's own accepts; 404 for another project's. */
  @Transactional(readOnly = true)
  TransferAccept getAccept(Caller caller, UUID id) {
    return store
        .accept(id)
        .filter(a -> caller.canSee(a.projectId()))
        .orElseThrow(() ->
            ApiException.notFound(
                "zone_transfer_accept_not_found", "Could not find ZoneTransferAccept " + id));
  }

  record AcceptPage(List<TransferAccept> accepts, long total) {}

  /** Admin only, as Designate's {@code find_zone_transfer_accepts}. */
  @Transactional(readOnly = true)
  AcceptPage listAccepts(Caller caller, ListQuery query) {
    caller.requireAdmin("list zone transfer accepts");
    SqlListing listing = new SqlListing("zone_transfer_accepts t", "t.id");
    if (!caller.allProjects()) {
      listing.scope("t.project_id = :project", "project", caller.projectId());
    }
    SqlListing.Page page =
        listing
            .text("t.status", query.filter("status"), v -> v.toUpperCase(Locale.ROOT), false)
            .page(jdbc, query, SORT_COLUMNS);
    return new AcceptPage(page.load(store::accepts, TransferAccept::id), page.total());
  }

  /**
   * The request for a change by its owner: 404 when the caller cannot see it, 403 when it may see
   * it but not change it (the target, or anyone for a request without target), as Designate's
   * ADMIN_OR_PROJECT_MEMBER rule on the owner.
   */
  private TransferRequest lockOwn(Caller caller, UUID id) {
    TransferRequest request =
        store.lockRequest(id).filter(r -> r.isVisibleTo(caller)).orElseThrow(() -> notFound(id));
    if (!request.isOwnedBy(caller) && !caller.isAdmin()) {
      throw ApiException.forbidden("Only the project that made the transfer request may change it");
    }
    return request;
  }

  private void emit(String type, Map<String, Object> payload, Caller caller) {
    if (notifier.enabled()) {
      notifier.emit(type, payload, caller);
    }
  }

  private String key() {
    StringBuilder key = new StringBuilder(KEY_LENGTH);
    for (int i = 0; i < KEY_LENGTH; i++) {
      key.append(KEY_CHARACTERS.charAt(random.nextInt(KEY_CHARACTERS.length())));
    }
    return key.toString();
  }

  /** Microseconds, as PostgreSQL keeps them: the answer shows what a later read shows. */
  private LocalDateTime now() {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  static ApiException notFound(UUID id) {
    return ApiException.notFound(
        "zone_transfer_request_not_found", "Could not find ZoneTransferRequest " + id);
  }

  private static ApiException duplicate() {
    return ApiException.conflict(
        "duplicate_zone_transfer_request", "Duplicate ZoneTransferRequest");
  }
}
