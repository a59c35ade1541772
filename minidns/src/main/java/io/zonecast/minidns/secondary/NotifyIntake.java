package io.zonecast.minidns.secondary;

import io.zonecast.minidns.protocol.NotifyReceiver;
import io.zonecast.minidns.zonesource.SecondaryZone;
import io.zonecast.minidns.zonesource.SecondaryZones;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.messaging.RequestContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * NOTIFYs for SECONDARY zones (RFC 1996). Only one of the zone's masters may say the zone changed
 * (section 3.10: a NOTIFY from elsewhere changes nothing); its NOTIFY is handed to central, which
 * pulls the zone, asking the masters for the SOA before transferring anything (section 3.11). As
 * Designate's MiniDNS, which hands the transfer on as well: a NOTIFY for a zone MiniDNS does not
 * pull is NOTAUTH, one from an address that is no master of it REFUSED; both are logged with the
 * sender.
 */
@Component
class NotifyIntake implements NotifyReceiver {

  private static final Logger log = LoggerFactory.getLogger(NotifyIntake.class);

  private final SecondaryZones zones;
  private final PullRequests pulls;

  NotifyIntake(SecondaryZones zones, PullRequests pulls) {
    this.zones = zones;
    this.pulls = pulls;
  }

  @Override
  public int receive(Message notify, InetSocketAddress sender) {
    Record question = notify.getQuestion();
    if (question.getType() != Type.SOA || question.getDClass() != DClass.IN) {
      return Rcode.FORMERR;
    }
    String name = question.getName().toString();
    Optional<SecondaryZone> zone = zones.named(name);
    if (zone.isEmpty()) {
      log.warn("NOTIFY for {} from {}: no SECONDARY zone of that name, NOTAUTH", name, sender);
      return Rcode.NOTAUTH;
    }
    if (!fromMaster(zone.get(), sender.getAddress())) {
      log.warn(
          "NOTIFY for {} from {}: not one of its masters {}, REFUSED",
          name,
          sender,
          zone.get().masters());
      return Rcode.REFUSED;
    }
    try {
      pulls.notified(
          zone.get(),
          sender.getAddress(),
          RequestContext.system("req-notify-" + UUID.randomUUID()));
    } catch (RuntimeException e) {
      // the master sends its NOTIFY again; the zone's refresh timer pulls it in any case
      log.warn(
          "NOTIFY for {} from {}: central not reached, SERVFAIL: {}", name, sender, e.toString());
      return Rcode.SERVFAIL;
    }
    log.info("NOTIFY for {} from its master {}: handed to central", name, sender);
    return Rcode.NOERROR;
  }

  /** The sender's address is a master's (any port: a primary sends NOTIFY from any port). */
  static boolean fromMaster(SecondaryZone zone, InetAddress sender) {
    for (String master : zone.masters()) {
      try {
        if (InetAddress.getByName(Destination.parse(master).host()).equals(sender)) {
          return true;
        }
      } catch (UnknownHostException | IllegalArgumentException e) {
        // a master central would not have accepted; it matches nobody
      }
    }
    return false;
  }
}
