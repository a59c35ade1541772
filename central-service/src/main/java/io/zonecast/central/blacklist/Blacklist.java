package io.zonecast.central.blacklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/** A regular expression zone names may not match, unless an admin creates the zone. */
@Entity
@Table(name = "blacklists")
class Blacklist {

  @Id private UUID id;

  @Column(nullable = false)
  private String pattern;

  private String description;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  protected Blacklist() {}

  Blacklist(String pattern, String description, LocalDateTime now) {
    this.id = UUID.randomUUID();
    this.pattern = pattern;
    this.description = description;
    this.createdAt = now;
  }

  void amend(String pattern, String description, LocalDateTime now) {
    this.pattern = pattern;
    this.description = description;
    this.updatedAt = now;
  }

  UUID getId() {
    return id;
  }

  String getPattern() {
    return pattern;
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
