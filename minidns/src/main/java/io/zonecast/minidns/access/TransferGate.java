package io.zonecast.minidns.access;

import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.tsig.RequestSignature;
import io.zonecast.minidns.tsig.RequestVerifier;
import io.zonecast.minidns.tsig.RequestVerifier.ZoneAccess;
import io.zonecast.minidns.tsig.ZoneKeys;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.minidns.zonesource.ZoneHead;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Decides whether a transfer or SOA request may be answered: a transfer (AXFR, IXFR) only to an
 * address of the {@link TransferAcl}, and both only signed with the zone's TSIG key when it has
 * one. What it refuses is logged.
 */
@Component
public class TransferGate {

  private static final Logger log = LoggerFactory.getLogger(TransferGate.class);
  private static final int MESSAGE_LIMIT = 65_535;

  private final Predicate<InetAddress> acl;
  private final CachedZoneLookup lookup;
  private final ZoneKeys keys;

  @Autowired
  public TransferGate(TransferAcl acl, CachedZoneLookup lookup, ZoneKeys keys) {
    this(acl::allows, lookup, keys);
  }

  public TransferGate(Predicate<InetAddress> acl, CachedZoneLookup lookup, ZoneKeys keys) {
    this.acl = acl;
    this.lookup = lookup;
    this.keys = keys;
  }

  /** The refusal to send instead of an answer, or empty when the request may be answered. */
  public Optional<byte[]> refusal(
      Message query, RequestSignature signature, InetSocketAddress client) {
    Record question = query.getQuestion();
    int type = question.getType();
    boolean transfer = type == Type.AXFR || type == Type.IXFR;
    if (!transfer && type != Type.SOA) {
      return Optional.empty();
    }
    String kind = Type.string(type);
    if (transfer && !acl.test(client.getAddress())) {
      log.warn("refused {} of {} to {}: not allowed to transfer", kind, question.getName(), client);
      return Optional.of(signature.wire(Responses.answerTo(query, Rcode.REFUSED), MESSAGE_LIMIT));
    }
    Optional<ZoneHead> zone = lookup.findZone(question.getName());
    if (zone.isEmpty()) {
      return Optional.empty();
    }
    ZoneAccess access = RequestVerifier.access(keys.forZone(zone.get().id()), signature);
    return switch (access) {
      case ALLOWED -> Optional.empty();
      case UNSIGNED -> {
        log.warn(
            "refused {} of {} to {}: the zone requires a TSIG key, the request is unsigned",
            kind,
            question.getName(),
            client);
        yield Optional.of(Responses.answerTo(query, Rcode.REFUSED).toWire());
      }
      case WRONG_KEY -> {
        log.warn(
            "refused {} of {} to {}: signed with key {}, not the zone's key (BADKEY)",
            kind,
            question.getName(),
            client,
            signature.keyName());
        yield Optional.of(signature.rejection(query, Rcode.BADKEY));
      }
    };
  }
}
