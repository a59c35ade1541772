package io.zonecast.minidns.secondary;

import io.zonecast.minidns.protocol.NotifyReceiver;
import io.zonecast.minidns.zonesource.SecondaryStore;
import io.zonecast.minidns.zonesource.SecondaryZoneRow;
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
 * (section 3.10: a NOTIFY from elsewhere changes nothing); its NOTIFY starts a pull, which asks the
 * masters for the SOA before transferring anything (section 3.11). As Designate's MiniDNS: a NOTIFY
 * for a zone MiniDNS does not pull is NOTAUTH, one from an address that is no master of it REFUSED;
 * both are logged with the sender.
 */
@Component
class NotifyIntake implements NotifyReceiver {

  private static final Logger log = LoggerFactory.getLogger(NotifyIntake.class);

  private final SecondaryStore store;
  private final SecondaryPuller puller;

  NotifyIntake(SecondaryStore store, SecondaryPuller puller) {
    this.store = store;
    this.puller = puller;
  }

  @Override
  public int receive(Message notify, InetSocketAddress sender) {
    Record question = notify.getQuestion();
    if (question.getType() != Type.SOA || question.getDClass() != DClass.IN) {
      return Rcode.FORMERR;
    }
    String name = question.getName().toString();
    Optional<SecondaryZoneRow> zone = store.zoneNamed(name);
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
    log.info("NOTIFY for {} from its master {}: pulling", name, sender);
    puller.pull(
        zone.get().id(),
        "NOTIFY from " + sender.getAddress().getHostAddress(),
        RequestContext.system("req-notify-" + UUID.randomUUID()));
    return Rcode.NOERROR;
  }

  /** The sender's address is a master's (any port: a primary sends NOTIFY from any port). */
  static boolean fromMaster(SecondaryZoneRow zone, InetAddress sender) {
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
