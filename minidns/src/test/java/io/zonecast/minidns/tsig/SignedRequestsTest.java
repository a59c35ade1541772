package io.zonecast.minidns.tsig;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.access.TransferGate;
import io.zonecast.minidns.dispatch.DnsDispatcher;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.query.QueryAnswerer;
import io.zonecast.minidns.transfer.ZoneTransfer;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.minidns.zonesource.InMemoryZone;
import io.zonecast.minidns.zonesource.TsigKeySource.StoredKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * RFC 8945 at the protocol layer: a zone with a key answers only requests signed with it, signs
 * every message of a transfer (checked with dnsjava's StreamVerifier, as its ZoneTransferIn does),
 * and answers bad signatures NOTAUTH with the TSIG error; the transfer ACL refuses other addresses.
 */
class SignedRequestsTest {

  static final Name APEX = Name.fromConstantString("example.org.");
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";
  static final Name KEY = Name.fromConstantString("zone-key.");
  static final Name OTHER = Name.fromConstantString("other-key.");
  static final InetSocketAddress SECONDARY = new InetSocketAddress("127.0.0.1", 53000);
  static final InetSocketAddress STRANGER = new InetSocketAddress("192.0.2.9", 53000);

  final InMemoryZone zone = bigZone();
  final ZoneKeys keys =
      new ZoneKeys(
          () ->
              List.of(
                  new StoredKey("zone-key", "hmac-sha256", SECRET, "ZONE", zone.head().id()),
                  new StoredKey("other-key", "hmac-sha512", SECRET, "ZONE", UUID.randomUUID())),
          id -> Optional.empty(),
          Duration.ofSeconds(1));
  final CachedZoneLookup lookup = CachedZoneLookup.readingThrough(zone);
  final DnsDispatcher dispatcher =
      new DnsDispatcher(
          new QueryAnswerer(zone, lookup),
          new ZoneTransfer(zone),
          new RequestVerifier(keys, Clock.systemUTC()),
          new TransferGate(address -> address.equals(SECONDARY.getAddress()), lookup, keys));

  static InMemoryZone bigZone() {
    InMemoryZone zone = new InMemoryZone(APEX, 42);
    // about 300 KB: a transfer of several messages
    for (int i = 0; i < 1200; i++) {
      zone.add(
          new TXTRecord(
              Name.fromConstantString("t" + i + ".example.org."), DClass.IN, 300, "x".repeat(200)));
    }
    return zone;
  }

  static TSIG key(Name name, String algorithm, String secret) {
    return new TSIG(TSIG.algorithmToName(algorithm), name, secret);
  }

  static Message query(int type) {
    return Message.newQuery(Record.newRecord(APEX, type, DClass.IN));
  }

  /** The TSIG record of the last request sent, as it went on the wire. */
  TSIGRecord sentTsig;

  List<byte[]> ask(Message query, TSIG signer, InetSocketAddress client, Transport transport) {
    if (signer != null) {
      query.setTSIG(signer);
    }
    byte[] wire = query.toWire(65_535);
    try {
      sentTsig = new Message(wire).getTSIG();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<byte[]> sent = new ArrayList<>();
    dispatcher.handle(wire, transport, client, sent::add);
    return sent;
  }

  @Test
  void aTransferSignedWithTheZonesKeyComesBackWithEveryMessageSigned() throws IOException {
    TSIG key = key(KEY, "hmac-sha256", SECRET);
    Message query = query(Type.AXFR);
    List<byte[]> messages = ask(query, key, SECONDARY, Transport.TCP);

    assertThat(messages).hasSizeGreaterThan(3);
    TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(key, sentTsig);
    int records = 0;
    for (int i = 0; i < messages.size(); i++) {
      Message message = new Message(messages.get(i));
      assertThat(message.getTSIG()).as("message %d is signed", i).isNotNull();
      assertThat(verifier.verify(message, messages.get(i)))
          .as("message %d: %s", i, verifier.getErrorMessage())
          .isEqualTo(Rcode.NOERROR);
      records += message.getSection(Section.ANSWER).size();
    }
    assertThat(records).isEqualTo(1200 + 2);
  }

  @Test
  void aSignedSoaQueryGetsASignedAnswer() throws IOException {
    TSIG key = key(KEY, "hmac-sha256", SECRET);
    Message query = query(Type.SOA);
    byte[] wire = ask(query, key, STRANGER, Transport.UDP).getFirst();
    Message answer = new Message(wire);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).hasSize(1);
    assertThat(key.verify(answer, wire, sentTsig)).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void unsignedTransferAndSoaRequestsForAZoneWithAKeyAreRefused() throws IOException {
    for (int type : new int[] {Type.AXFR, Type.IXFR, Type.SOA}) {
      Message answer = new Message(ask(query(type), null, SECONDARY, Transport.TCP).getFirst());
      assertThat(answer.getRcode()).as(Type.string(type)).isEqualTo(Rcode.REFUSED);
      assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    }
  }

  @Test
  void aWrongSecretIsBadsigAnUnknownOrOtherKeyBadkey() throws IOException {
    assertRejected(key(KEY, "hmac-sha256", "d3Jvbmctc2VjcmV0"), Rcode.BADSIG);
    assertRejected(key(Name.fromConstantString("nobody."), "hmac-sha256", SECRET), Rcode.BADKEY);
    assertRejected(key(KEY, "hmac-sha512", SECRET), Rcode.BADKEY);
    // a key MiniDNS knows, but not this zone's
    assertRejected(key(OTHER, "hmac-sha512", SECRET), Rcode.BADKEY);
  }

  @Test
  void aRequestSignedTooLongAgoIsBadtimeAndTheAnswerIsSigned() throws IOException {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    TSIG stale =
        new TSIG(
            TSIG.HMAC_SHA256,
            KEY,
            new javax.crypto.spec.SecretKeySpec(
                java.util.Base64.getDecoder().decode(SECRET), "HmacSHA256"),
            past);
    Message query = query(Type.AXFR);
    byte[] wire = ask(query, stale, SECONDARY, Transport.TCP).getFirst();
    Message answer = new Message(wire);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOTAUTH);
    TSIGRecord tsig = answer.getTSIG();
    assertThat(tsig.getError()).isEqualTo(Rcode.BADTIME);
    assertThat(tsig.getSignature()).isNotEmpty();
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void anAddressOutsideTheAclMayNotTransferEvenWithTheKey() throws IOException {
    Message answer =
        new Message(
            ask(query(Type.AXFR), key(KEY, "hmac-sha256", SECRET), STRANGER, Transport.TCP)
                .getFirst());
    assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answer.getHeader().getFlag(Flags.QR)).isTrue();
  }

  @Test
  void aZoneWithoutAKeyTransfersUnsignedToTheAcl() throws IOException {
    ZoneKeys none = ZoneKeys.none();
    CachedZoneLookup plainLookup = CachedZoneLookup.readingThrough(zone);
    DnsDispatcher plain =
        new DnsDispatcher(
            new QueryAnswerer(zone, plainLookup),
            new ZoneTransfer(zone),
            new RequestVerifier(none, Clock.systemUTC()),
            new TransferGate(InetAddress::isLoopbackAddress, plainLookup, none));
    List<byte[]> sent = new ArrayList<>();
    plain.handle(query(Type.AXFR).toWire(), Transport.TCP, SECONDARY, sent::add);
    Message first = new Message(sent.getFirst());
    assertThat(first.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(first.getTSIG()).isNull();
    assertThat(sent).hasSizeGreaterThan(3);
  }

  private void assertRejected(TSIG signer, int tsigError) throws IOException {
    byte[] wire = ask(query(Type.AXFR), signer, SECONDARY, Transport.TCP).getFirst();
    Message answer = new Message(wire);
    assertThat(answer.getRcode()).as("rcode for %s", signer).isEqualTo(Rcode.NOTAUTH);
    assertThat(answer.getTSIG().getError()).isEqualTo(tsigError);
    assertThat(answer.getTSIG().getSignature()).isEmpty();
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }
}
