package io.zonecast.central.zone;

import io.zonecast.central.journal.RecordDelta;
import java.util.UUID;

/**
 * Told of every change to a zone inside the change's transaction, after its journal step was
 * written (DNSSEC signing uses it to re-sign what the change touched).
 */
public interface ZoneChangeHook {

  void changed(UUID zoneId, long serial, RecordDelta records);
}
