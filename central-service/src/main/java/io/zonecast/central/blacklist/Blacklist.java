package io.zonecast.central.blacklist;

import io.zonecast.central.admin.DescribedAdminEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A regular expression zone names may not match, unless an admin creates the zone. */
@Entity
@Table(name = "blacklists")
class Blacklist extends DescribedAdminEntity {

  @Column(nullable = false)
  private String pattern;

  protected Blacklist() {}

  Blacklist(String pattern, String description, LocalDateTime now) {
    super(description, now);
    this.pattern = pattern;
  }

  void amend(String pattern, String description, LocalDateTime now) {
    this.pattern = pattern;
    amended(description, now);
  }

  String getPattern() {
    return pattern;
  }
}
