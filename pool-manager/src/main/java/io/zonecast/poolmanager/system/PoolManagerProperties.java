package io.zonecast.poolmanager.system;

import io.zonecast.model.messaging.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the pool manager; the NOTIFY and poll numbers travel in every cast to MiniDNS.
 *
 * @param poolsFile the pools file (Designate pools.yaml format)
 * @param thresholdPercentage share of a pool's nameservers that must serve a serial for ACTIVE
 * @param notifies timeout, retry interval (seconds) and retries of each NOTIFY
 * @param poll timeout, retry interval (seconds) and retries of each SOA poll
 * @param backend how target provisioning (rndc) is retried
 */
@ConfigurationProperties("zonecast.pool-manager")
public record PoolManagerProperties(
    @DefaultValue("etc/pools.yaml") Path poolsFile,
    @DefaultValue("100") int thresholdPercentage,
    @DefaultValue Notify notifies,
    @DefaultValue Poll poll,
    @DefaultValue Backend backend) {

  public PoolManagerProperties {
    if (thresholdPercentage < 1 || thresholdPercentage > 100) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.threshold-percentage must be 1..100, not " + thresholdPercentage);
    }
  }

  /**
   * @param timeout seconds to wait for the answer to one NOTIFY
   * @param retryInterval seconds between NOTIFYs that got no answer
   * @param maxRetries NOTIFYs resent before giving up
   */
  public record Notify(
      @DefaultValue("1.0") double timeout,
      @DefaultValue("1.0") double retryInterval,
      @DefaultValue("5") int maxRetries) {
    public RetryPolicy policy() {
      return new RetryPolicy(timeout, retryInterval, maxRetries);
    }
  }

  /**
   * @param timeout seconds to wait for the answer to one SOA query
   * @param retryInterval seconds between SOA queries while the serial is not there yet
   * @param maxRetries SOA queries repeated before the poll reports ERROR
   */
  public record Poll(
      @DefaultValue("1.0") double timeout,
      @DefaultValue("0.01") double retryInterval,
      @DefaultValue("1000") int maxRetries) {
    public RetryPolicy policy() {
      return new RetryPolicy(timeout, retryInterval, maxRetries);
    }
  }

  /**
   * @param attempts tries of each backend call (rndc addzone/delzone) before it counts as failed
   * @param retryInterval pause between those tries
   * @param rndcTimeout how long one rndc run may take before it is killed
   */
  public record Backend(
      @DefaultValue("3") int attempts,
      @DefaultValue("1s") Duration retryInterval,
      @DefaultValue("10s") Duration rndcTimeout) {}
}
