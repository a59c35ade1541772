package io.zonecast.minidns.tsig;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TSIG settings of MiniDNS ({@code zonecast.minidns.*}).
 *
 * @param tsigRefresh the keys are read from the database again when older than this
 */
@ConfigurationProperties("zonecast.minidns")
public record TsigProperties(@DefaultValue("2s") Duration tsigRefresh) {

  public TsigProperties {
    if (tsigRefresh.isNegative()) {
      throw new IllegalArgumentException("zonecast.minidns.tsig-refresh must not be negative");
    }
  }
}
