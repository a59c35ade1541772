package io.zonecast.central.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The columns every admin-managed resource's table has: {@code id}, {@code created_at} and {@code
 * updated_at} (null until the first change).
 */
@MappedSuperclass
public abstract class AdminEntity {

  @Id private UUID id;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  protected AdminEntity() {}

  protected AdminEntity(LocalDateTime now) {
    this.id = UUID.randomUUID();
    this.createdAt = now;
  }

  /** Marks a change: {@code updated_at} becomes {@code now}. */
  protected void amended(LocalDateTime now) {
    this.updatedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public LocalDateTime getUpdatedAt() {
    return updatedAt;
  }
}
