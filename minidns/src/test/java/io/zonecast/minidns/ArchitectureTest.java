package io.zonecast.minidns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.zonecast.testsupport.BoundaryRules;

/**
 * The layering of STYLE.md: transport, protocol, features, data access, messaging apart; feature
 * packages without cycles (docs/architecture.md).
 */
@AnalyzeClasses(
    packages = "io.zonecast.minidns",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(BoundaryRules.EveryService.class);

  @ArchTest
  static final ArchRule onlyServerTouchesSockets =
      noClasses()
          .that()
          .resideOutsideOfPackage("..minidns.server..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.Socket")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.ServerSocket")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.DatagramSocket")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.DatagramPacket")
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.nio.channels..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.xbill.DNS.SimpleResolver")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.xbill.DNS.ZoneTransferIn")
          .because("only the transport package does network I/O");

  @ArchTest
  static final ArchRule onlyZoneSourceTouchesTheDatabase =
      noClasses()
          .that()
          .resideOutsideOfPackage("..minidns.zonesource..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "javax.sql..",
              "org.springframework.jdbc..",
              "org.springframework.transaction..")
          .because("DNS wire handling and answers stay apart from database access");

  @ArchTest
  static final ArchRule onlyMessagingTouchesAmqp =
      noClasses()
          .that()
          .resideOutsideOfPackages("..minidns.messaging..")
          .and()
          .doNotHaveFullyQualifiedName(MiniDnsApplication.class.getName())
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..")
          .because("the AMQP listeners are a thin layer over the notify and poll workers");

  @ArchTest
  static final ArchRule transportKnowsOnlyTheProtocolLayer =
      noClasses()
          .that()
          .resideInAPackage("..minidns.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..minidns.query..",
              "..minidns.transfer..",
              "..minidns.zonesource..",
              "..minidns.notify..",
              "..minidns.poll..");

  @ArchTest
  static final ArchRule featuresDoNotCallTheTransport =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..minidns.dispatch..",
              "..minidns.protocol..",
              "..minidns.query..",
              "..minidns.transfer..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..minidns.server..");

  @ArchTest
  static final ArchRule timeOnlyFromTheClockBean =
      BoundaryRules.wallClockOnlyThroughClock("io.zonecast.minidns.system.ClockConfig");
}
