package io.zonecast.central;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.zonecast.testsupport.BoundaryRules;
import org.springframework.web.bind.annotation.RestController;

/**
 * Central's boundaries (docs/architecture.md): feature packages without cycles, no network I/O but
 * the pulls of SECONDARY zones (in their wire package), the broker reached through the outbox and a
 * few listeners, the database never from a controller, and the time only from the {@code Clock}
 * bean.
 */
@AnalyzeClasses(
    packages = "io.zonecast.central",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(BoundaryRules.EveryService.class);

  @ArchTest
  static final ArchRule noSocketsButThePullsOfSecondaryZones =
      noClasses()
          .that()
          .resideOutsideOfPackage("..central.secondary.wire..")
          .should()
          .dependOnClassesThat(BoundaryRules.SOCKETS)
          .because(
              "central speaks HTTP and AMQP; its only DNS traffic is pulling SECONDARY zones from"
                  + " their masters, kept in one package; the rest is MiniDNS's and the pool"
                  + " manager's");

  @ArchTest
  static final ArchRule wireCodeKnowsNothingOfTheDatabase =
      noClasses()
          .that()
          .resideInAPackage("..central.secondary.wire..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.JDBC)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("io.zonecast.central.secondary")
          .because("DNS wire handling stays apart from storing what it received");

  @ArchTest
  static final ArchRule amqpOnlyInMessagingPackages =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "..central.outbox..",
              "..central.propagation..",
              "..central.notification..",
              "..central.secondary..",
              "..central.system..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.AMQP)
          .because(
              "changes reach the broker only through the transactional outbox; reports come in"
                  + " through propagation's listener, NOTIFYs of masters through secondary's");

  @ArchTest
  static final ArchRule controllersDoNotTouchTheDatabase =
      noClasses()
          .that()
          .areAnnotatedWith(RestController.class)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.JDBC)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.AMQP)
          .because("a controller maps HTTP to a service, which owns the transaction");

  @ArchTest
  static final ArchRule timeOnlyFromTheClockBean =
      BoundaryRules.wallClockOnlyThroughClock("io.zonecast.central.system.ClockConfig");
}
