package io.zonecast.runtime.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** The system resolver link against a scripted DNS server: TTLs kept, names that do not exist. */
class SystemNameLookupTest {

  static final Name ZONE = Name.fromConstantString("example.org.");
  static final Name HOST = Name.fromConstantString("ns1.example.org.");

  /** Answers like an authoritative server for example.org with ns1 at A (TTL 300) and AAAA (60). */
  static final class ScriptedResolver implements Resolver {

    @Override
    public Message send(Message query) {
      Record question = query.getQuestion();
      Message answer = new Message(query.getHeader().getID());
      answer.getHeader().setFlag(Flags.QR);
      answer.getHeader().setFlag(Flags.AA);
      answer.addRecord(question, Section.QUESTION);
      if (!question.getName().equals(HOST)) {
        answer.getHeader().setRcode(Rcode.NXDOMAIN);
        answer.addRecord(soa(), Section.AUTHORITY);
        return answer;
      }
      try {
        if (question.getType() == Type.A) {
          answer.addRecord(
              new ARecord(HOST, DClass.IN, 300, InetAddress.getByName("192.0.2.1")),
              Section.ANSWER);
        } else if (question.getType() == Type.AAAA) {
          answer.addRecord(
              new AAAARecord(HOST, DClass.IN, 60, InetAddress.getByName("2001:db8::1")),
              Section.ANSWER);
        }
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
      return answer;
    }

    private static SOARecord soa() {
      return new SOARecord(
          ZONE,
          DClass.IN,
          60,
          Name.fromConstantString("ns1.example.org."),
          Name.fromConstantString("hostmaster.example.org."),
          1,
          60,
          60,
          600,
          30);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
      return CompletableFuture.completedFuture(send(query));
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      return sendAsync(query);
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }

  final SystemNameLookup lookup = new SystemNameLookup(new ScriptedResolver());

  @Test
  void givesEveryAddressWithTheShortestTtl() throws Exception {
    NameLookup.Answer answer = lookup.lookup("ns1.example.org");

    assertThat(answer.addresses())
        .containsExactly(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1"));
    assertThat(answer.ttl()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aNameThatDoesNotExistFailsWithoutAskingTheJvm() {
    assertThatThrownBy(() -> lookup.lookup("nowhere.example.org"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("no such name");
  }
}
