package io.zonecast.central.tld;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/** A top-level domain zones may be created under; once any exists, every zone needs one. */
@Entity
@Table(name = "tlds")
class Tld {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  protected Tld() {}

  Tld(String name, String description, LocalDateTime now) {
    this.id = UUID.randomUUID();
    this.name = name;
    this.description = description;
    this.createdAt = now;
  }

  void amend(String name, String description, LocalDateTime now) {
    this.name = name;
    this.description = description;
    this.updatedAt = now;
  }

  UUID getId() {
    return id;
  }

  String getName() {
    return name;
  }

  String getDescription() {
    return description;
  }

  LocalDateTime getCreatedAt() {
    return createdAt;
  }

  LocalDateTime getUpdatedAt() {
    return updatedAt;
  }
}
