package io.zonecast.central.journal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the change journal (IXFR) keeps a zone's steps. A secondary older than what is kept gets
 * the whole zone (AXFR) instead; nothing else depends on the journal.
 *
 * @param maxAge steps older than this are removed
 * @param maxEntriesPerZone at most this many of a zone's newest steps (changes) are kept
 * @param compactionInterval how often old steps are removed
 */
@ConfigurationProperties("zonecast.central.journal")
public record JournalProperties(
    @DefaultValue("7d") Duration maxAge,
    @DefaultValue("1000") int maxEntriesPerZone,
    @DefaultValue("5m") Duration compactionInterval) {

  public JournalProperties {
    if (maxEntriesPerZone < 0) {
      throw new IllegalArgumentException(
          "zonecast.central.journal.max-entries-per-zone must be 0 or more: " + maxEntriesPerZone);
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.central.journal.max-age must not be negative: " + maxAge);
    }
  }
}
