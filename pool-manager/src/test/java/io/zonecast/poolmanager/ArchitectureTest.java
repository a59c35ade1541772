package io.zonecast.poolmanager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.zonecast.testsupport.BoundaryRules;

/**
 * The pool manager's boundaries (docs/architecture.md): feature packages without cycles, DNS and
 * rndc traffic only in {@code target} and {@code dns}, the broker only in {@code messaging} and
 * {@code propagation}, the database only in repositories and the few stores named here.
 */
@AnalyzeClasses(
    packages = "io.zonecast.poolmanager",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(BoundaryRules.EveryService.class);

  @ArchTest
  static final ArchRule onlyTargetsAndProbesTouchSockets =
      noClasses()
          .that()
          .resideOutsideOfPackages("..poolmanager.target..", "..poolmanager.dns..")
          .should()
          .dependOnClassesThat(BoundaryRules.SOCKETS)
          .because("the backends and the SOA probe are the only network clients");

  @ArchTest
  static final ArchRule amqpOnlyInMessagingAndPropagation =
      noClasses()
          .that()
          .resideOutsideOfPackages("..poolmanager.messaging..", "..poolmanager.propagation..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.AMQP)
          .because("work arrives through messaging's listeners; propagation publishes its reports");

  @ArchTest
  static final ArchRule backendsProbesAndListenersDoNotTouchTheDatabase =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..poolmanager.target..",
              "..poolmanager.dns..",
              "..poolmanager.consensus..",
              "..poolmanager.messaging..",
              "..poolmanager.resolve..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.JDBC);

  @ArchTest
  static final ArchRule workflowsReachTheDatabaseThroughRepositories =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..poolmanager.propagation..", "..poolmanager.sync..", "..poolmanager.recovery..")
          .and()
          .haveSimpleNameNotEndingWith("Repository")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BoundaryRules.JDBC)
          .because("the propagation, sync and recovery logic is tested without a database");

  @ArchTest
  static final ArchRule timeOnlyFromTheClockBean =
      BoundaryRules.wallClockOnlyThroughClock("io.zonecast.poolmanager.system.ClockConfig");
}
