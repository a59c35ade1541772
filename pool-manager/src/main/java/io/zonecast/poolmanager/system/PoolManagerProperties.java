package io.zonecast.poolmanager.system;

import io.zonecast.model.messaging.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of the pool manager ({@code zonecast.pool-manager.*}); the NOTIFY and poll numbers
 * travel in every cast to MiniDNS, which uses them as given (spec server-pools-minidns-support).
 *
 * @param poolsFile the pools file (Designate pools.yaml format), read at start-up and again at
 *     SIGHUP or {@code POST /pools/reload}
 * @param thresholdPercentage share of a pool's nameservers (and of its targets for CREATE) that
 *     must succeed for SUCCESS, 1..100
 * @param notifies timeout, retry interval (seconds) and retries of each NOTIFY, property {@code
 *     notify}
 * @param poll timeout, retry interval (seconds) and retries of each SOA poll
 * @param backend how target provisioning (rndc) is timed and retried
 * @param giveUpAfter a propagation that got no verdict from update_status answers in this time is
 *     reported ERROR and forgotten (MiniDNS down, casts lost)
 * @param staleCheckInterval how often propagations are checked against {@code give-up-after}
 * @param coalesceWindow the shortest time between two rounds of NOTIFYs and polls for one zone:
 *     changes arriving meanwhile are propagated together, as the newest serial
 * @param deleteVerifyTimeout how long a delete waits, after every target dropped the zone, for
 *     every nameserver to answer that it no longer serves it (REFUSED, NXDOMAIN...)
 * @param newZone how the first round of a zone just added to its pool's targets goes, property
 *     {@code new-zone}
 */
@ConfigurationProperties("zonecast.pool-manager")
public record PoolManagerProperties(
    @DefaultValue("etc/pools.yaml") Path poolsFile,
    @DefaultValue("100") int thresholdPercentage,
    // a record component cannot be called notify: it would clash with Object.notify()
    @Name("notify") @DefaultValue Notify notifies,
    @DefaultValue Poll poll,
    @DefaultValue Backend backend,
    @DefaultValue("30m") Duration giveUpAfter,
    @DefaultValue("30s") Duration staleCheckInterval,
    @DefaultValue("1s") Duration coalesceWindow,
    @DefaultValue("30s") Duration deleteVerifyTimeout,
    @DefaultValue NewZone newZone) {

  public PoolManagerProperties {
    if (thresholdPercentage < 1 || thresholdPercentage > 100) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.threshold-percentage must be 1..100, not " + thresholdPercentage);
    }
    if (!giveUpAfter.isPositive() || !staleCheckInterval.isPositive()) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.give-up-after and stale-check-interval must be positive, not "
              + giveUpAfter
              + " and "
              + staleCheckInterval);
    }
    if (!deleteVerifyTimeout.isPositive()) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.delete-verify-timeout must be positive, not "
              + deleteVerifyTimeout);
    }
    if (coalesceWindow.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.coalesce-window must not be negative, not " + coalesceWindow);
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
    public Notify {
      checkRetries("notify", timeout, retryInterval, maxRetries);
    }

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
    public Poll {
      checkRetries("poll", timeout, retryInterval, maxRetries);
    }

    public RetryPolicy policy() {
      return new RetryPolicy(timeout, retryInterval, maxRetries);
    }
  }

  /**
   * A zone just added to the targets (addzone, a Knot conf-set...) is pulled by them at once, so
   * its first round needs no NOTIFY to them and polls less often than a change's (a first transfer
   * takes longer than an IXFR); the casts are the same, their timing differs.
   *
   * @param notifyDelay how long the NOTIFYs to the targets of a zone just added to them wait: they
   *     are cast only when the zone's propagation is still undecided then (say its first transfer
   *     failed); 0 casts them at once, as for a change. also_notifies entries are NOTIFYd at once.
   * @param pollRetryInterval seconds between the SOA queries of that zone's first polls (at least
   *     {@code poll.retry-interval})
   */
  public record NewZone(
      @DefaultValue("2s") Duration notifyDelay, @DefaultValue("0.05") double pollRetryInterval) {
    public NewZone {
      if (notifyDelay.isNegative() || !(pollRetryInterval >= 0)) {
        throw new IllegalArgumentException(
            "zonecast.pool-manager.new-zone: notify-delay and poll-retry-interval must not be"
                + " negative (got "
                + notifyDelay
                + ", "
                + pollRetryInterval
                + ")");
      }
    }
  }

  /**
   * @param attempts tries of each backend call (rndc addzone/delzone) before it counts as failed
   * @param retryInterval pause between those tries
   * @param rndcTimeout how long one rndc run may take before it is killed (a target's {@code
   *     rndc_timeout} option, in seconds, overrides it)
   */
  public record Backend(
      @DefaultValue("3") int attempts,
      @DefaultValue("1s") Duration retryInterval,
      @DefaultValue("10s") Duration rndcTimeout) {
    public Backend {
      if (attempts < 1) {
        throw new IllegalArgumentException(
            "zonecast.pool-manager.backend.attempts must be at least 1, not " + attempts);
      }
      if (retryInterval.isNegative() || rndcTimeout.isNegative() || rndcTimeout.isZero()) {
        throw new IllegalArgumentException(
            "zonecast.pool-manager.backend: retry-interval must not be negative and rndc-timeout"
                + " must be positive");
      }
    }
  }

  private static void checkRetries(
      String group, double timeout, double retryInterval, int maxRetries) {
    if (!(timeout > 0) || !(retryInterval >= 0) || maxRetries < 0) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager."
              + group
              + ": timeout must be positive, retry-interval and max-retries not negative (got "
              + timeout
              + ", "
              + retryInterval
              + ", "
              + maxRetries
              + ")");
    }
  }
}
