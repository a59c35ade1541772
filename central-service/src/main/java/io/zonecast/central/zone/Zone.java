package io.zonecast.central.zone;

import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.model.zone.ZoneStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Formula;

/**
 * A zone (PRIMARY or SECONDARY) and its state: {@code status} + {@code action}, as Designate keeps
 * them.
 */
@Entity
@Table(name = "zones")
public class Zone {

  @Id private UUID id;

  @Column(name = "project_id", nullable = false)
  private String projectId;

  @Column(name = "pool_id", nullable = false)
  private UUID poolId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String email;

  @Column(nullable = false)
  private int ttl;

  @Column(nullable = false)
  private long serial;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ZoneStatus status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ZoneAction action;

  @Column(nullable = false)
  private String type = "PRIMARY";

  private String description;

  @Column(name = "status_message")
  private String statusMessage;

  /**
   * Null until the first insert: Spring Data then takes the entity for new and persists it, where
   * an assigned id alone would make it merge, reading the row (and each record) first.
   */
  @Version private Integer version;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  @Column(name = "published_at")
  private LocalDateTime publishedAt;

  /** The attributes the zone was created with (the scheduler's hints); they never change. */
  @Convert(converter = ZoneAttributesColumn.class)
  @ColumnTransformer(write = "cast(? as jsonb)")
  @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
  private Map<String, String> attributes = Map.of();

  /** Designate's {@code shared}: the zone has at least one share (read, never written). */
  @Formula("(select exists (select 1 from zone_shares s where s.zone_id = id))")
  private boolean shared;

  /** SECONDARY zones: where MiniDNS pulls them from, as given ({@code host[:port]}). */
  @Convert(converter = ZoneMastersColumn.class)
  @ColumnTransformer(write = "cast(? as jsonb)")
  @Column(nullable = false, columnDefinition = "jsonb")
  private List<String> masters = List.of();

  /** When MiniDNS last stored a transfer of a SECONDARY zone; MiniDNS writes it. */
  @Column(name = "transferred_at", insertable = false, updatable = false)
  private LocalDateTime transferredAt;

  /**
   * Read by {@link ZoneRowLock} with plain JDBC, not loaded by Hibernate: nothing flushes it, so a
   * change writes its row itself ({@link ZoneChanges}).
   */
  @jakarta.persistence.Transient private boolean plainRow;

  protected Zone() {}

  /**
   * A zone read from its row (the columns {@link ZoneRowLock} selects), not managed by Hibernate.
   */
  static Zone fromRow(ResultSet rs) throws SQLException {
    Zone zone = new Zone();
    zone.plainRow = true;
    zone.id = rs.getObject("id", UUID.class);
    zone.projectId = rs.getString("project_id");
    zone.poolId = rs.getObject("pool_id", UUID.class);
    zone.name = rs.getString("name");
    zone.email = rs.getString("email");
    zone.ttl = rs.getInt("ttl");
    zone.serial = rs.getLong("serial");
    zone.status = ZoneStatus.valueOf(rs.getString("status"));
    zone.action = ZoneAction.valueOf(rs.getString("action"));
    zone.type = rs.getString("type");
    zone.description = rs.getString("description");
    zone.statusMessage = rs.getString("status_message");
    zone.version = rs.getInt("version");
    zone.createdAt = rs.getObject("created_at", LocalDateTime.class);
    zone.updatedAt = rs.getObject("updated_at", LocalDateTime.class);
    zone.publishedAt = rs.getObject("published_at", LocalDateTime.class);
    String attributes = rs.getString("attributes");
    zone.attributes =
        "{}".equals(attributes)
            ? Map.of()
            : new ZoneAttributesColumn().convertToEntityAttribute(attributes);
    zone.shared = rs.getBoolean("shared");
    String masters = rs.getString("masters");
    zone.masters =
        "[]".equals(masters)
            ? List.of()
            : new ZoneMastersColumn().convertToEntityAttribute(masters);
    zone.transferredAt = rs.getObject("transferred_at", LocalDateTime.class);
    return zone;
  }

  /** Read by {@link ZoneRowLock}: its changes are written with plain JDBC, not flushed. */
  boolean isPlainRow() {
    return plainRow;
  }

  /** Its row was written with plain JDBC, which moved the version as Hibernate would. */
  void rowWritten() {
    version = version == null ? 1 : version + 1;
  }

  Zone(
      UUID id,
      String projectId,
      UUID poolId,
      String name,
      String email,
      int ttl,
      String description,
      Map<String, String> attributes,
      long serial,
      LocalDateTime now) {
    this.id = id;
    this.projectId = projectId;
    this.poolId = poolId;
    this.name = name;
    this.email = email;
    this.ttl = ttl;
    this.description = description;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    this.serial = serial;
    this.status = ZoneStatus.PENDING;
    this.action = ZoneAction.CREATE;
    this.createdAt = now;
  }

  /** A SECONDARY zone: its serial is its master's, its records come only from its masters. */
  static Zone secondary(
      UUID id,
      String projectId,
      UUID poolId,
      String name,
      String email,
      int ttl,
      String description,
      Map<String, String> attributes,
      List<String> masters,
      LocalDateTime now) {
    Zone zone = new Zone(id, projectId, poolId, name, email, ttl, description, attributes, 1, now);
    zone.type = SECONDARY;
    zone.masters = List.copyOf(masters);
    return zone;
  }

  static final String SECONDARY = "SECONDARY";

  public boolean isSecondary() {
    return SECONDARY.equals(type);
  }

  void changeMasters(List<String> masters) {
    this.masters = List.copyOf(masters);
  }

  public List<String> getMasters() {
    return masters;
  }

  public LocalDateTime getTransferredAt() {
    return transferredAt;
  }

  public ZoneRef ref() {
    return new ZoneRef(id, name, poolId, serial);
  }

  /** A change is pending: a zone never created on the targets stays a CREATE. */
  void markPending(ZoneAction next, long newSerial, LocalDateTime now) {
    boolean neverCreated = action == ZoneAction.CREATE && status != ZoneStatus.ACTIVE;
    this.action = neverCreated && next == ZoneAction.UPDATE ? ZoneAction.CREATE : next;
    this.status = ZoneStatus.PENDING;
    this.statusMessage = null;
    this.serial = newSerial;
    this.updatedAt = now;
  }

  /** Email, TTL and description may change; name, type and project never do. */
  void amend(String email, int ttl, String description) {
    this.email = email;
    this.ttl = ttl;
    this.description = description;
  }

  /** The zone and its recordsets now belong to {@code project} (an accepted transfer request). */
  void transferTo(String project, LocalDateTime now) {
    this.projectId = project;
    this.updatedAt = now;
  }

  /** A pool move: the zone now belongs to {@code pool} (Designate's pool_move_zone). */
  void moveTo(UUID pool) {
    this.poolId = pool;
  }

  void touched(LocalDateTime now) {
    this.updatedAt = now;
  }

  void markDeleting(LocalDateTime now) {
    this.action = ZoneAction.DELETE;
    this.status = ZoneStatus.PENDING;
    this.statusMessage = null;
    this.updatedAt = now;
  }

  void markActive(LocalDateTime now) {
    this.action = ZoneAction.NONE;
    this.status = ZoneStatus.ACTIVE;
    this.statusMessage = null;
    this.updatedAt = now;
  }

  void markError(String message, LocalDateTime now) {
    this.status = ZoneStatus.ERROR;
    this.statusMessage = message;
    this.updatedAt = now;
  }

  void markPublished(LocalDateTime now) {
    this.publishedAt = now;
  }

  LocalDateTime getPublishedAt() {
    return publishedAt;
  }

  public boolean isBeingDeleted() {
    return action == ZoneAction.DELETE;
  }

  public UUID getId() {
    return id;
  }

  public String getProjectId() {
    return projectId;
  }

  public UUID getPoolId() {
    return poolId;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public int getTtl() {
    return ttl;
  }

  public long getSerial() {
    return serial;
  }

  public ZoneStatus getStatus() {
    return status;
  }

  public ZoneAction getAction() {
    return action;
  }

  public String getType() {
    return type;
  }

  public String getDescription() {
    return description;
  }

  public Map<String, String> getAttributes() {
    return attributes;
  }

  public boolean isShared() {
    return shared;
  }

  public String getStatusMessage() {
    return statusMessage;
  }

  public int getVersion() {
    return version == null ? 0 : version;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public LocalDateTime getUpdatedAt() {
    return updatedAt;
  }
}
