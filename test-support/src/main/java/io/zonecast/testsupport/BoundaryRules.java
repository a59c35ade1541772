package io.zonecast.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The rules every service's {@code ArchitectureTest} shares (docs/architecture.md): feature
 * packages without cycles, and the few kinds of code that reach outside the process (sockets, the
 * database, the broker, the wall clock) named once.
 */
public final class BoundaryRules {

  private BoundaryRules() {}

  /**
   * The rules every service's {@code ArchitectureTest} holds, whatever else it checks:
   * {@code @ArchTest static final ArchTests everyService =
   * ArchTests.in(BoundaryRules.EveryService.class)}.
   */
  public static final class EveryService {

    private EveryService() {}

    /** The packages right under the service's ({@code io.zonecast.<service>.<feature>}). */
    @ArchTest
    static final ArchRule noPackageCycles =
        slices()
            .matching("io.zonecast.(*).(*)..")
            .namingSlices("$1.$2")
            .should()
            .beFreeOfCycles()
            .because("a feature package may use a lower one, never the other way round as well");

    @ArchTest
    static final ArchRule clockHoldersReadTimeThroughIt =
        BoundaryRules.clockHoldersReadTimeThroughIt();
  }

  /** Network I/O: sockets, channels and dnsjava's own clients. */
  public static final DescribedPredicate<JavaClass> SOCKETS =
      DescribedPredicate.describe(
          "sockets",
          c ->
              c.getName().equals("java.net.Socket")
                  || c.getName().equals("java.net.ServerSocket")
                  || c.getName().equals("java.net.DatagramSocket")
                  || c.getName().equals("java.net.DatagramPacket")
                  || c.getPackageName().startsWith("java.nio.channels")
                  || c.getName().equals("org.xbill.DNS.SimpleResolver")
                  || c.getName().equals("org.xbill.DNS.ZoneTransferIn"));

  /** The database: JDBC and Spring's JDBC and transaction support. */
  public static final String[] JDBC = {
    "java.sql..", "javax.sql..", "org.springframework.jdbc..",
  };

  /** The broker: Spring AMQP and the RabbitMQ client. */
  public static final String[] AMQP = {"org.springframework.amqp..", "com.rabbitmq.."};

  /**
   * Classes that take a {@link Clock} read the time through it only, so a test's fixed clock
   * governs them all (a default {@code Clock.systemUTC()} in a convenience constructor is fine).
   */
  public static ArchRule clockHoldersReadTimeThroughIt() {
    return readsWallClock(noClasses().that(HOLD_A_CLOCK))
        .because("a class given a Clock must not also read the wall clock beside it");
  }

  /** No class reads the wall clock except through a {@link Clock}; {@code allowed} makes it. */
  public static ArchRule wallClockOnlyThroughClock(String allowed) {
    return readsWallClock(noClasses().that().doNotHaveFullyQualifiedName(allowed))
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .because("the time comes from the injected Clock bean (" + allowed + ")");
  }

  private static ClassesShouldConjunction readsWallClock(GivenClassesConjunction classes) {
    return classes
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis");
  }

  private static final DescribedPredicate<JavaClass> HOLD_A_CLOCK =
      DescribedPredicate.describe(
          "hold a java.time.Clock",
          c -> c.getAllFields().stream().anyMatch(f -> f.getRawType().isEquivalentTo(Clock.class)));
}
