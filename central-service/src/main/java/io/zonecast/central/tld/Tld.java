package io.zonecast.central.tld;

import io.zonecast.central.admin.DescribedAdminEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A top-level domain zones may be created under; once any exists, every zone needs one. */
@Entity
@Table(name = "tlds")
class Tld extends DescribedAdminEntity {

  @Column(nullable = false)
  private String name;

  protected Tld() {}

  Tld(String name, String description, LocalDateTime now) {
    super(description, now);
    this.name = name;
  }

  void amend(String name, String description, LocalDateTime now) {
    this.name = name;
    amended(description, now);
  }

  String getName() {
    return name;
  }
}
