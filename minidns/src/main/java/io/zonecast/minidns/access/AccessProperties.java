package io.zonecast.minidns.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may transfer zones from MiniDNS ({@code zonecast.minidns.*}).
 *
 * @param allowTransfer addresses (CIDR, or a single address) always allowed to transfer
 * @param poolsFile the pools file: its targets' hosts, nameservers and also_notifies may transfer
 *     too; without it only {@code allowTransfer} applies
 */
@ConfigurationProperties("zonecast.minidns")
public record AccessProperties(
    @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> allowTransfer, String poolsFile) {

  public AccessProperties {
    allowTransfer = List.copyOf(allowTransfer);
    allowTransfer.forEach(Cidr::parse);
  }
}
