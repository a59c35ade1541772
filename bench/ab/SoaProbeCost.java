import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.dns.SoaBatchProbe;
import io.zonecast.poolmanager.dns.SoaProbe;
import io.zonecast.runtime.resolve.HostResolver;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The pool manager's CPU per SOA question of a sync round, one question at a time ({@link
 * SoaProbe#query}, on virtual threads, 20 in flight) against batches ({@link SoaBatchProbe}, 500
 * zones a batch, 20 in flight), against a nameserver on loopback serving zones z1.test. ..
 * zZONES.test. (half the questions go to zones it lacks). Run by bench/ab/soa-probe-cost.
 *
 * <p>Usage: SoaProbeCost PORT ZONES QUESTIONS one|batch. Prints one line per round (four rounds).
 */
public class SoaProbeCost {
  public static void main(String[] args) throws Exception {
    var server = new Pool.HostPort("127.0.0.1", Integer.parseInt(args[0]));
    int zones = Integer.parseInt(args[1]);
    int questions = Integer.parseInt(args[2]);
    boolean batch = args[3].equals("batch");
    var resolver = HostResolver.systemDefault();
    var probe = new SoaBatchProbe(resolver, Duration.ofSeconds(2), 20);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= 4; round++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      if (batch) {
        for (int b = 0; b < questions / 500; b++) {
          List<String> names = new ArrayList<>();
          for (int i = 0; i < 500; i++) {
            names.add("z" + ((b * 500 + i) % (2 * zones) + 1) + ".test.");
          }
          probe.query(server, names);
        }
      } else {
        Semaphore inFlight = new Semaphore(20);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int i = 0; i < questions; i++) {
            String zone = "z" + (i % (2 * zones) + 1) + ".test.";
            executor.submit(() -> {
              inFlight.acquire();
              try {
                return SoaProbe.query(resolver, server, zone, Duration.ofSeconds(2));
              } finally {
                inFlight.release();
              }
            });
          }
        }
      }
      long cpu = os.getProcessCpuTime() - cpu0;
      System.out.printf(
          "%s round %d: %d questions in %.2f s, %.1f us of CPU a question%n",
          args[3], round, questions, (System.nanoTime() - t0) / 1e9, cpu / 1e3 / questions);
    }
  }
}
