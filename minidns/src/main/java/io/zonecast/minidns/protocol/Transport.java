package io.zonecast.minidns.protocol;

/** How a query arrived, which decides what may be answered (transfers need TCP). */
public enum Transport {
  UDP,
  TCP
}
