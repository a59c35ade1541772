package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.Failover;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A BIND9 secondary that consumes the pool's catalog zone ({@code catalog-zones}, RFC 9432): it
 * adds and removes the pool's zones itself when MiniDNS's catalog changes, so creating a zone calls
 * nothing here (the pool manager NOTIFYs the catalog, then polls as usual). Deleting waits until
 * the target no longer serves the zone (an SOA query answered REFUSED, NXDOMAIN, without authority
 * or without the zone's SOA), so the DELETE's verdict is what the target does, as with rndc
 * delzone.
 *
 * <p>Options of the target: {@code host} and {@code port} (its DNS address), {@code delete_timeout}
 * (seconds, default 60), {@code log_file} (named's log with the {@code xfer-in} category, where
 * {@link #refusal} finds why a transfer was not loaded).
 */
class Bind9CatalogBackend implements Backend {

  static final String TYPE = "bind9_catalog";

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration QUERY_INTERVAL = Duration.ofMillis(500);

  private final Pool.Target target;
  private final HostResolver resolver;
  private final String host;
  private final int port;
  private final Duration deleteTimeout;

  Bind9CatalogBackend(Pool pool, Pool.Target target, HostResolver resolver) {
    if (pool.catalog().isEmpty()) {
      throw new IllegalArgumentException(
          TYPE + " target '" + target.description() + "' needs the pool's catalog_zone");
    }
    this.target = target;
    this.resolver = resolver;
    this.host = target.option("host", "127.0.0.1").trim();
    this.port = number(target, "port", "53");
    this.deleteTimeout = Duration.ofSeconds(number(target, "delete_timeout", "60"));
  }

  @Override
  public void createZone(ZoneRef zone) {
    // the target adds the zone from the catalog, which already lists it
  }

  /**
   * Nothing to do: the target takes its member zones' primaries from its own {@code catalog-zones}
   * statement ({@code default-primaries} in its named.conf), not from the pool manager, which never
   * configures a zone there. Where MiniDNS moves, that statement must follow it.
   */
  @Override
  public Optional<ZoneStep> followMasters(List<Pool.HostPort> mastersBefore) {
    return Optional.empty();
  }

  /**
   * As a {@code bind9} target's: the member zones are BIND's own secondary zones, whose transfers
   * named logs alike ({@code xfer-in}), so its {@code log_file} tells a transfer it did not load (a
   * recordset over its {@code max-records-per-type}).
   */
  @Override
  public Optional<String> refusal(ZoneRef zone) throws BackendException {
    return Bind9TransferLog.refusalOf(target, this, zone);
  }

  @Override
  public void deleteZone(ZoneRef zone) throws BackendException {
    Name name = name(zone);
    long deadline = System.nanoTime() + deleteTimeout.toNanos();
    String last = "no answer";
    while (true) {
      try {
        Message query = Message.newQuery(Record.newRecord(name, Type.SOA, DClass.IN));
        Message answer =
            Failover.firstAnswer(
                resolver.resolve(host, port),
                address -> {
                  SimpleResolver dns = new SimpleResolver(address);
                  dns.setTimeout(QUERY_TIMEOUT);
                  return dns.send(query);
                });
        if (!servesZone(answer, name)) {
          return;
        }
        last = "still serves it";
      } catch (IOException e) {
        last = "no answer: " + e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new BackendException(
            "the catalog did not remove "
                + zone.name()
                + " from "
                + this
                + " within "
                + deleteTimeout.toSeconds()
                + " s ("
                + last
                + ")");
      }
      try {
        Thread.sleep(QUERY_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException(
            "interrupted while waiting for " + this + " to drop " + zone.name());
      }
    }
  }

  /** Only an authoritative NOERROR answer with the zone's SOA means the zone is still there. */
  static boolean servesZone(Message answer, Name zone) {
    if (answer.getRcode() != Rcode.NOERROR || !answer.getHeader().getFlag(Flags.AA)) {
      return false;
    }
    return answer.getSection(Section.ANSWER).stream()
        .anyMatch(r -> r instanceof SOARecord && r.getName().equals(zone));
  }

  @Override
  public String toString() {
    return TYPE
        + " target "
        + (target.description().isBlank() ? "" : "'" + target.description() + "' ")
        + "("
        + new Pool.HostPort(host, port)
        + ")";
  }

  private static Name name(ZoneRef zone) throws BackendException {
    try {
      return Name.fromString(zone.name(), Name.root);
    } catch (TextParseException e) {
      throw new BackendException("bad zone name " + zone.name());
    }
  }

  private static int number(Pool.Target target, String option, String fallback) {
    String text = target.option(option, fallback).trim();
    try {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        TYPE
            + " target '"
            + target.description()
            + "': "
            + option
            + " '"
            + text
            + "' must be a number from 1 to 65535");
  }
}
