package io.zonecast.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.schema.SchemaBoundaries;
import org.junit.jupiter.api.Test;

/**
 * service-runtime's SQL uses only its own tables, the shared runtime's and the views others
 * publish, and its migrations create only its own (docs/architecture.md, "Tables and their
 * owners"). The one historical exception: its V10 also created the pool manager's {@code
 * zone_redrives}, before tables had owners; an applied migration cannot be split, so the document
 * allows that file (not the module) to create it, and the table stays the pool manager's
 * (test-support's {@code TableOwnersTest}).
 */
class SchemaBoundaryTest {

  @Test
  void touchesOnlyTablesItOwnsOrViewsPublishedToIt() {
    assertThat(SchemaBoundaries.violations("service-runtime")).isEmpty();
  }
}
