package io.zonecast.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * common-model is the contracts between the services (message records, names, value types) and
 * nothing that runs them: what connects to the broker, the database or the web, or hooks into the
 * process, lives in service-runtime (docs/architecture.md, "Modules and boundaries").
 */
@AnalyzeClasses(
    packages = "io.zonecast.model",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule contractsCarryNoRuntime =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "com.rabbitmq..",
              "java.sql..",
              "javax.sql..",
              "org.postgresql..",
              "com.zaxxer..",
              "jakarta.servlet..",
              "javax.servlet..",
              "io.micrometer..",
              "sun.misc..")
          .because(
              "a contract is read by every service whatever it runs on; Spring, AMQP, JDBC,"
                  + " servlets, metrics and signals belong in service-runtime");
}
