package io.zonecast.minidns.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the MiniDNS server.
 *
 * @param host address the DNS server listens on (UDP and TCP)
 * @param port DNS port (Designate's MiniDNS uses 5354)
 * @param tcpIdleTimeout a TCP connection silent this long is closed, so no client holds it forever
 * @param maxTcpConnections TCP connections served at once; more wait in the accept backlog
 * @param maxUdpInFlight UDP queries being answered at once; more are dropped (the client retries)
 */
@ConfigurationProperties("zonecast.minidns")
public record MiniDnsProperties(
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("5354") int port,
    @DefaultValue("10s") Duration tcpIdleTimeout,
    @DefaultValue("256") int maxTcpConnections,
    @DefaultValue("2048") int maxUdpInFlight) {}
