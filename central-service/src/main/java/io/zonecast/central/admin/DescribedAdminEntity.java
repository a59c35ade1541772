package io.zonecast.central.admin;

import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;

/** An admin-managed resource with Designate's optional {@code description} column. */
@MappedSuperclass
public abstract class DescribedAdminEntity extends AdminEntity {

  private String description;

  protected DescribedAdminEntity() {}

  protected DescribedAdminEntity(String description, LocalDateTime now) {
    super(now);
    this.description = description;
  }

  /** Marks a change that (re)sets the description. */
  protected void amended(String description, LocalDateTime now) {
    this.description = description;
    amended(now);
  }

  public String getDescription() {
    return description;
  }
}
