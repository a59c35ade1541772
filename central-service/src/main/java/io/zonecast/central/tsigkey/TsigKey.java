package io.zonecast.central.tsigkey;

import io.zonecast.central.admin.AdminEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/** A TSIG key (RFC 8945) MiniDNS requires for the transfers of one zone or of a pool's zones. */
@Entity
@Table(name = "tsigkeys")
class TsigKey extends AdminEntity {

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String algorithm;

  @Column(nullable = false)
  private String secret;

  @Column(nullable = false)
  private String scope;

  @Column(name = "resource_id", nullable = false)
  private UUID resourceId;

  protected TsigKey() {}

  TsigKey(TsigKeyFields fields, LocalDateTime now) {
    super(now);
    assign(fields);
  }

  void amend(TsigKeyFields fields, LocalDateTime now) {
    assign(fields);
    amended(now);
  }

  private void assign(TsigKeyFields fields) {
    this.name = fields.name();
    this.algorithm = fields.algorithm();
    this.secret = fields.secret();
    this.scope = fields.scope();
    this.resourceId = fields.resourceId();
  }

  TsigKeyFields fields() {
    return new TsigKeyFields(name, algorithm, secret, scope, resourceId);
  }
}
