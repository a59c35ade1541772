package io.zonecast.minidns.access;

import io.zonecast.minidns.protocol.SourcePolicy;
import io.zonecast.minidns.system.MiniDnsProperties;
import java.net.InetAddress;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The {@link SourcePolicy} of the configuration: the {@link TransferAcl} (pools file servers and
 * allow-transfer) are the pool; allow-query may query; everyone else is a stranger.
 */
@Component
class SourceAcl implements SourcePolicy {

  private final TransferAcl transfers;
  private final List<Cidr> queries;

  SourceAcl(TransferAcl transfers, MiniDnsProperties properties) {
    this.transfers = transfers;
    this.queries = properties.allowQuery().stream().map(Cidr::parse).toList();
  }

  @Override
  public Standing standing(InetAddress source) {
    if (transfers.allows(source)) {
      return Standing.POOL;
    }
    return queries.stream().anyMatch(block -> block.contains(source))
        ? Standing.QUERY_ONLY
        : Standing.STRANGER;
  }
}
