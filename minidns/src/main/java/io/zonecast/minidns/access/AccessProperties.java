package io.zonecast.minidns.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may talk to MiniDNS ({@code zonecast.minidns.*}). The servers of the pools file (each
 * target's {@code options.host}, the nameservers, the also_notifies) always may; by default nobody
 * else, so MiniDNS serves its pools and cannot be used by others to read zones or as an amplifier.
 *
 * @param allowTransfer addresses (CIDR, or a single address) allowed to transfer (and query)
 *     besides the servers of the pools file; none by default
 * @param allowQuery addresses allowed to query (not to transfer) besides the servers of the pools
 *     file and {@code allowTransfer}; none by default. Over UDP their answers are never larger than
 *     their query (TC set, RFC 1035 4.2.1: the client asks again over TCP), and over TCP they share
 *     the connections the pool does not hold in reserve
 * @param poolsFile the pools file; without it only {@code allowTransfer} and {@code allowQuery}
 *     apply
 */
@ConfigurationProperties("zonecast.minidns")
public record AccessProperties(
    @DefaultValue List<String> allowTransfer,
    @DefaultValue List<String> allowQuery,
    String poolsFile) {

  public AccessProperties {
    allowTransfer = blocks(allowTransfer);
    allowQuery = blocks(allowQuery);
  }

  private static List<String> blocks(List<String> texts) {
    List<String> blocks =
        texts == null ? List.of() : texts.stream().filter(t -> !t.isBlank()).toList();
    blocks.forEach(Cidr::parse);
    return blocks;
  }
}
