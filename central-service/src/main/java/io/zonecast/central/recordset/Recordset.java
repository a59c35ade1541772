package io.zonecast.central.recordset;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Formula;

/** The records of one name and type in a zone, with Designate's status/action. */
@Entity
@Table(name = "recordsets")
public class Recordset {

  @Id private UUID id;

  @Column(name = "zone_id", nullable = false)
  private UUID zoneId;

  @Column(name = "project_id", nullable = false)
  private String projectId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String type;

  private Integer ttl;

  private String description;

  @Column(nullable = false)
  private boolean managed;

  @Column(nullable = false)
  private String status;

  @Column(nullable = false)
  private String action;

  /**
   * The zone's status while its creation has not reached the targets, null after: a recordset
   * stored settled in a zone never yet served (a whole zone written at once: an import, a secondary
   * zone's first transfer) is shown with it (see {@link #getStatus}). Read, never written.
   */
  @Formula(CreatingZone.STATUS_OF_ZONE_ID)
  private String creatingZoneStatus;

  @Column(nullable = false)
  private long serial;

  /**
   * Null until the first insert: Spring Data then takes the entity for new and persists it, where
   * an assigned id alone would make it merge, reading the row (and each record) first.
   */
  @Version private Integer version;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  @OneToMany(
      mappedBy = "recordset",
      cascade = CascadeType.ALL,
      orphanRemoval = true,
      fetch = FetchType.EAGER)
  @OrderBy("position")
  private List<ResourceRecord> records = new ArrayList<>();

  protected Recordset() {}

  Recordset(
      UUID zoneId,
      String projectId,
      String name,
      String type,
      Integer ttl,
      String description,
      boolean managed,
      long serial,
      List<String> data,
      LocalDateTime now) {
    this.id = UUID.randomUUID();
    this.zoneId = zoneId;
    this.projectId = projectId;
    this.name = name;
    this.type = type;
    this.ttl = ttl;
    this.description = description;
    this.managed = managed;
    this.serial = serial;
    this.status = "PENDING";
    this.action = "CREATE";
    this.createdAt = now;
    for (int i = 0; i < data.size(); i++) {
      records.add(new ResourceRecord(this, zoneId, data.get(i), i));
    }
  }

  /** New records, TTL and description from an update (PUT); name and type never change. */
  void replace(List<String> data, Integer ttl, String description, long serial, LocalDateTime now) {
    records.clear();
    for (int i = 0; i < data.size(); i++) {
      records.add(new ResourceRecord(this, zoneId, data.get(i), i));
    }
    this.ttl = ttl;
    this.description = description;
    this.serial = serial;
    this.status = "PENDING";
    this.action = "UPDATE";
    this.updatedAt = now;
  }

  /** How a deleted recordset is shown in the DELETE response (it is already gone from the zone). */
  void markDeleted(long serial, LocalDateTime now) {
    this.serial = serial;
    this.status = "PENDING";
    this.action = "DELETE";
    this.updatedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public UUID getZoneId() {
    return zoneId;
  }

  public String getProjectId() {
    return projectId;
  }

  public String getName() {
    return name;
  }

  public String getType() {
    return type;
  }

  public Integer getTtl() {
    return ttl;
  }

  public String getDescription() {
    return description;
  }

  public boolean isManaged() {
    return managed;
  }

  /** Designate's status: the stored one, or the zone's while a settled row waits for its CREATE. */
  public String getStatus() {
    return showsCreatingZone() ? creatingZoneStatus : status;
  }

  public String getAction() {
    return showsCreatingZone() ? CreatingZone.ACTION : action;
  }

  private boolean showsCreatingZone() {
    return creatingZoneStatus != null && CreatingZone.SETTLED.equals(status);
  }

  long getSerial() {
    return serial;
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

  public List<String> data() {
    return records.stream().map(ResourceRecord::getData).toList();
  }
}
