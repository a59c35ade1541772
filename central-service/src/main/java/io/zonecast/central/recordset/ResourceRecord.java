package io.zonecast.central.recordset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** One record of a recordset: its rdata in zone-file presentation format. */
@Entity
@Table(name = "records")
class ResourceRecord {

  /**
   * Given by Hibernate when the record is persisted: a record without an id is new to it, where an
   * id assigned in the constructor would make it read the row first to find out.
   */
  @Id @GeneratedValue @UuidGenerator private UUID id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "recordset_id")
  private Recordset recordset;

  @Column(name = "zone_id", nullable = false)
  private UUID zoneId;

  @Column(nullable = false)
  private String data;

  @Column(nullable = false)
  private int position;

  protected ResourceRecord() {}

  ResourceRecord(Recordset recordset, UUID zoneId, String data, int position) {
    this.recordset = recordset;
    this.zoneId = zoneId;
    this.data = data;
    this.position = position;
  }

  String getData() {
    return data;
  }
}
