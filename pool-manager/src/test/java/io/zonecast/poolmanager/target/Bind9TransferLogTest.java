package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as BIND 9.18.49 logged them (print-time yes, categories default and xfer-in). */
class Bind9TransferLogTest {

  static final List<String> LOG =
      List.of(
          "04-Dec-2026 20:53:34.612 zone ex.test/IN: Transfer started.",
          "04-Dec-2026 20:53:34.612 transfer of 'ex.test/IN' from 127.0.0.1#22001: connected using"
              + " 127.0.0.1#22001",
          "04-Dec-2026 20:53:34.612 zone ex.test/IN: transferred serial 7",
          "04-Dec-2026 20:53:34.612 transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer status:"
              + " success",
          "04-Dec-2026 20:53:34.612 transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer"
              + " completed: 1 messages, 9 records, 217 bytes, 0.001 secs (217000 bytes/sec)"
              + " (serial 7)",
          "04-Dec-2026 20:53:36.916 running",
          "04-Dec-2026 20:53:38.328 zone ex.test/IN: Transfer started.",
          "04-Dec-2026 20:53:38.332 transfer of 'ex.test/IN' from 127.0.0.1#22001: connected using"
              + " 127.0.0.1#22001",
          "04-Dec-2026 20:53:38.340 error adding 'big.ex.test/A' in 'ex.test/IN' (zone): too many"
              + " records (must not exceed 3)",
          "04-Dec-2026 20:53:38.340 transfer of 'ex.test/IN' from 127.0.0.1#22001: failed while"
              + " receiving responses: too many records",
          "04-Dec-2026 20:53:38.340 transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer status:"
              + " too many records",
          "04-Dec-2026 20:53:38.340 transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer"
              + " completed: 0 messages, 10 records, 0 bytes, 0.008 secs (0 bytes/sec) (serial 8)");

  @Test
  void aFailedTransferOfTheSerialIsARefusalNamingTheRecordset() {
    assertThat(Bind9TransferLog.refusal(LOG, "ex.test", 8))
        .hasValue(
            "error adding 'big.ex.test/A' in 'ex.test/IN' (zone): too many records (must not"
                + " exceed 3)");
  }

  @Test
  void aSuccessfulTransferOrAnotherSerialOrAnotherZoneIsNoRefusal() {
    assertThat(Bind9TransferLog.refusal(LOG, "ex.test", 7)).isEmpty();
    assertThat(Bind9TransferLog.refusal(LOG, "ex.test", 9)).isEmpty();
    assertThat(Bind9TransferLog.refusal(LOG, "x.test", 8)).isEmpty();
    assertThat(Bind9TransferLog.refusal(LOG, "sub.ex.test", 8)).isEmpty();
  }

  @Test
  void aLaterSuccessOfTheSameSerialEndsTheRefusal() {
    List<String> fixed = new java.util.ArrayList<>(LOG);
    fixed.addAll(
        List.of(
            "04-Dec-2026 20:54:00.000 zone ex.test/IN: Transfer started.",
            "04-Dec-2026 20:54:00.001 transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer"
                + " status: success",
            "04-Dec-2026 20:54:00.001 transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer"
                + " completed: 1 messages, 10 records, 230 bytes, 0.001 secs (230000 bytes/sec)"
                + " (serial 8)"));
    assertThat(Bind9TransferLog.refusal(fixed, "ex.test", 8)).isEmpty();
  }

  @Test
  void withoutAnErrorLineTheTransferStatusIsTheReason() {
    List<String> log =
        List.of(
            "zone ex.test/IN: Transfer started.",
            "transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer status: FORMERR",
            "transfer of 'ex.test/IN' from 127.0.0.1#22001: Transfer completed: 0 messages, 3"
                + " records, 0 bytes, 0.001 secs (0 bytes/sec) (serial 8)");
    assertThat(Bind9TransferLog.refusal(log, "EX.test", 8)).hasValue("FORMERR");
  }
}
