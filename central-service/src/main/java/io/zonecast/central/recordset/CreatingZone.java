package io.zonecast.central.recordset;

/**
 * How a recordset stored settled (ACTIVE, action NONE) in a zone whose CREATE has not reached the
 * targets is shown: with the zone's status (PENDING, or ERROR while the creation keeps failing) and
 * the action CREATE, as a recordset written PENDING would be, until the zone is ACTIVE.
 *
 * <p>A whole zone written at once (an import, a secondary zone's first transfer) is stored so:
 * marking each of its recordsets ACTIVE when the zone turns ACTIVE rewrote every row (2.8 s at
 * 100,000 recordsets, every index of the table each time). A zone's action stays CREATE until its
 * first ACTIVE, and nothing else stores a settled recordset before that, so rows written PENDING
 * are shown as they are.
 */
public final class CreatingZone {

  /** The row status of a recordset whose shown status may be its creating zone's. */
  public static final String SETTLED = "ACTIVE";

  /** The row action written with {@link #SETTLED}. */
  public static final String SETTLED_ACTION = "NONE";

  static final String ACTION = "CREATE";

  /** The zone's status while its action is CREATE, null after; {@code zone_id} is the row's. */
  static final String STATUS_OF_ZONE_ID =
      "(select z.status from zones z where z.id = zone_id and z.action = 'CREATE')";

  /** The status shown of the recordset {@code r} in SQL, for filters. */
  static final String SHOWN_STATUS_SQL =
      "coalesce((select z.status from zones z where z.id = r.zone_id and z.action = 'CREATE'"
          + " and r.status = 'ACTIVE'), r.status)";

  private CreatingZone() {}
}
