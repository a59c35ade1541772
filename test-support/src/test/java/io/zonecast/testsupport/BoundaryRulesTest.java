package io.zonecast.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The cycle rule every service shares finds a cycle between two of a service's feature packages.
 */
class BoundaryRulesTest {

  @Test
  void twoFeaturePackagesUsingEachOtherBreakTheRule() {
    var classes = new ClassFileImporter().importPackages("io.zonecast.cyclefixture");
    assertThatThrownBy(() -> BoundaryRules.EveryService.noPackageCycles.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cyclefixture.a")
        .hasMessageContaining("cyclefixture.b");
  }

  @Test
  void aFeaturePackageUsingALowerOneKeepsIt() {
    var classes = new ClassFileImporter().importPackages("io.zonecast.onewayfixture");
    assertThatCode(() -> BoundaryRules.EveryService.noPackageCycles.check(classes))
        .doesNotThrowAnyException();
  }
}
