package io.zonecast.central.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

class DenialChainTest {

  static Name n(String text) throws Exception {
    return Name.fromString(text);
  }

  static ZoneShape shape() throws Exception {
    return new ZoneShape(
        n("example."),
        Map.of(
            n("example."), Set.of(Type.SOA, Type.NS, Type.DNSKEY),
            n("www.example."), Set.of(Type.A),
            n("a.b.c.example."), Set.of(Type.TXT),
            n("sub.example."), Set.of(Type.NS, Type.DS),
            n("ns.sub.example."), Set.of(Type.A),
            n("insecure.example."), Set.of(Type.NS)));
  }

  @Test
  void gluBelowADelegationIsNeitherSignedNorChained() throws Exception {
    ZoneShape zone = shape();

    assertThat(zone.isOccluded(n("ns.sub.example."))).isTrue();
    assertThat(zone.ownerNames()).doesNotContain(n("ns.sub.example.")).contains(n("sub.example."));
    assertThat(zone.signedRRsets())
        .contains(new RRsetKey(n("sub.example."), Type.DS))
        .doesNotContain(
            new RRsetKey(n("sub.example."), Type.NS),
            new RRsetKey(n("insecure.example."), Type.NS),
            new RRsetKey(n("ns.sub.example."), Type.A));
    assertThat(zone.emptyNonTerminals()).containsExactly(n("c.example."), n("b.c.example."));
  }

  @Test
  void namesBelowADnameAreNeitherSignedNorChainedButTheDnameIs() throws Exception {
    ZoneShape zone =
        new ZoneShape(
            n("example."),
            Map.of(
                n("example."), Set.of(Type.SOA, Type.NS),
                n("old.example."), Set.of(Type.DNAME, Type.TXT),
                n("www.old.example."), Set.of(Type.A),
                n("deep.x.old.example."), Set.of(Type.AAAA)));

    assertThat(zone.isOccluded(n("www.old.example."))).isTrue();
    assertThat(zone.isOccluded(n("deep.x.old.example."))).isTrue();
    assertThat(zone.ownerNames()).containsExactly(n("example."), n("old.example."));
    assertThat(zone.emptyNonTerminals()).isEmpty();
    assertThat(zone.signedRRsets())
        .contains(
            new RRsetKey(n("old.example."), Type.DNAME), new RRsetKey(n("old.example."), Type.TXT))
        .doesNotContain(
            new RRsetKey(n("www.old.example."), Type.A),
            new RRsetKey(n("deep.x.old.example."), Type.AAAA));
    assertThat(DenialChain.nsec3(zone, 300)).hasSize(2);
    assertThat(DenialChain.nsec(zone, 300).stream().map(r -> r.getName().toString()))
        .containsExactly("example.", "old.example.");
  }

  @Test
  void nsec3HasOneRecordPerNameAndEmptyNonTerminalInHashOrderAndACircle() throws Exception {
    ZoneShape zone = shape();
    NSEC3PARAMRecord param = DenialChain.nsec3param(n("example."));

    List<Record> chain = DenialChain.nsec3(zone, 300);

    // apex, www, a.b.c, sub, insecure and the empty non-terminals b.c and c
    assertThat(chain).hasSize(7);
    base32 hex = new base32(base32.Alphabet.BASE32HEX, false, true);
    for (int i = 0; i < chain.size(); i++) {
      NSEC3Record record = (NSEC3Record) chain.get(i);
      NSEC3Record next = (NSEC3Record) chain.get((i + 1) % chain.size());
      assertThat(hex.toString(record.getNext())).isEqualTo(next.getName().getLabelString(0));
      assertThat(record.getIterations()).isZero();
      assertThat(record.getSalt() == null || record.getSalt().length == 0).isTrue();
      assertThat(record.getFlags()).isZero();
    }
    NSEC3Record apex =
        (NSEC3Record)
            chain.stream()
                .filter(r -> r.getName().getLabelString(0).equals(hash(param, "example.")))
                .findFirst()
                .orElseThrow();
    assertThat(apex.hasType(Type.RRSIG)).isTrue();
    assertThat(apex.hasType(Type.SOA)).isTrue();
    NSEC3Record insecure =
        (NSEC3Record)
            chain.stream()
                .filter(r -> r.getName().getLabelString(0).equals(hash(param, "insecure.example.")))
                .findFirst()
                .orElseThrow();
    assertThat(insecure.getTypes()).containsExactly(Type.NS);
    NSEC3Record empty =
        (NSEC3Record)
            chain.stream()
                .filter(r -> r.getName().getLabelString(0).equals(hash(param, "c.example.")))
                .findFirst()
                .orElseThrow();
    assertThat(empty.getTypes()).isEmpty();
  }

  @Test
  void nsecLinksTheNamesInCanonicalOrder() throws Exception {
    List<Record> chain = DenialChain.nsec(shape(), 300);

    assertThat(chain.stream().map(r -> r.getName().toString()))
        .containsExactly(
            "example.", "a.b.c.example.", "insecure.example.", "sub.example.", "www.example.");
    assertThat(((NSECRecord) chain.getLast()).getNext()).isEqualTo(n("example."));
    assertThat(((NSECRecord) chain.get(2)).getTypes())
        .containsExactly(Type.NS, Type.RRSIG, Type.NSEC);
  }

  static String hash(NSEC3PARAMRecord param, String name) {
    try {
      return new base32(base32.Alphabet.BASE32HEX, false, true).toString(param.hashName(n(name)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
