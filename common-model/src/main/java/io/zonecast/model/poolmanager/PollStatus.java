package io.zonecast.model.poolmanager;

/** The outcome of one {@code poll_for_serial_number}, as the spec's update_status says. */
public enum PollStatus {
  SUCCESS,
  ERROR
}
