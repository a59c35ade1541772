import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Workload 4, the part measured with a DNS client. Two commands:
 *
 * <ul>
 *   <li>{@code axfr MINIDNS_PORT ZONE MINIDNS_PID METRICS_BASE}: a full AXFR of the zone from
 *       MiniDNS with dnsjava, timed; then a second AXFR read by hand that pauses halfway, while a
 *       full GC in MiniDNS shows what the transfer keeps alive. Prints: seconds, records, live heap
 *       growth at the pause (MiB, against the heap after a full GC before the transfer), and the
 *       peak growth of used heap (garbage included) seen during the transfer.
 *   <li>{@code change API ZONE_URL ZONE SECONDARY_PORT...}: one A recordset added; prints the
 *       milliseconds from the REST response until every secondary answers it.
 * </ul>
 */
public class BigZone {

  static final Duration DEADLINE = Duration.ofSeconds(30);
  static final Pattern VALUE = Pattern.compile("\"value\":([0-9.E+-]+)");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "axfr" -> axfr(Integer.parseInt(args[1]), args[2], args[3], args[4]);
      case "change" -> change(args[2], args[3], Bench.ports(args, 4));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static void axfr(int port, String zone, String pid, String metrics) throws Exception {
    long start = System.nanoTime();
    ZoneTransferIn transfer = ZoneTransferIn.newAXFR(Name.fromString(zone), "127.0.0.1", port, null);
    transfer.setTimeout(DEADLINE);
    transfer.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    int records = transfer.getAXFR().size();

    fullGc(pid);
    double baseline = heapUsed(metrics);
    double[] peakAndLive = pausedAxfr(port, zone, records, pid, metrics);
    System.out.printf(
        Locale.ROOT,
        "%.3f %d %.1f %.1f%n",
        seconds,
        records,
        (peakAndLive[1] - baseline) / (1024 * 1024),
        (peakAndLive[0] - baseline) / (1024 * 1024));
  }

  /** Returns the peak heap used during the transfer and the live heap at its halfway pause. */
  static double[] pausedAxfr(int port, String zone, int records, String pid, String metrics)
      throws Exception {
    AtomicLong peak = new AtomicLong(Double.doubleToLongBits(0));
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    try {
                      double used = heapUsed(metrics);
                      peak.getAndUpdate(
                          p -> Double.doubleToLongBits(Math.max(Double.longBitsToDouble(p), used)));
                      Thread.sleep(10);
                    } catch (Exception e) {
                      return;
                    }
                  }
                });
    double live = 0;
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.setSoTimeout((int) DEADLINE.toMillis());
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      byte[] query =
          Message.newQuery(Record.newRecord(Name.fromString(zone), Type.AXFR, DClass.IN)).toWire();
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      int seen = 0;
      int soas = 0;
      boolean paused = false;
      while (soas < 2) {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        for (Record record : new Message(wire).getSection(Section.ANSWER)) {
          seen++;
          soas += record.getType() == Type.SOA ? 1 : 0;
        }
        if (!paused && seen >= records / 2) {
          paused = true;
          Thread.sleep(200); // MiniDNS fills the socket buffers and waits, mid-transfer
          fullGc(pid);
          live = heapUsed(metrics);
        }
      }
    }
    running.set(false);
    sampler.join();
    return new double[] {Double.longBitsToDouble(peak.get()), live};
  }

  static void fullGc(String pid) throws Exception {
    new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor();
  }

  static double heapUsed(String metrics) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(metrics + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
            .build();
    String body = Bench.HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return Double.parseDouble(Bench.group(VALUE, body, "heap value"));
  }

  static void change(String zoneUrl, String zone, List<Integer> ports) throws Exception {
    String name = Bench.uniqueLabel("ixfr") + "." + zone;
    // this program's first request and first DNS query load its HTTP client and dnsjava's
    // resolver (tens of milliseconds each in a new JVM, on either side of the clock's start): both
    // made once before the change, so the figure is the system's and not the client's start-up
    Bench.send("GET", zoneUrl, null);
    List<SimpleResolver> secondaries = ports.stream().map(Bench::resolver).toList();
    for (SimpleResolver secondary : secondaries) {
      Bench.answers(secondary, zone, Type.SOA);
    }
    Bench.createARecordset(zoneUrl, name, "198.51.100.7");
    long start = System.nanoTime();
    for (SimpleResolver secondary : secondaries) {
      while (!Bench.answers(secondary, name, Type.A)) {
        if (System.nanoTime() - start > DEADLINE.toNanos()) {
          throw new IllegalStateException(name + " not served by " + secondary.getAddress());
        }
        Thread.sleep(1);
      }
    }
    System.out.printf(Locale.ROOT, "%.2f%n", (System.nanoTime() - start) / 1e6);
  }
}
