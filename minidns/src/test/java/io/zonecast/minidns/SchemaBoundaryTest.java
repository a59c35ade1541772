package io.zonecast.minidns;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.schema.SchemaBoundaries;
import org.junit.jupiter.api.Test;

/**
 * minidns's SQL uses only its own tables, the shared runtime's and the views others publish, and
 * its migrations create only its own (docs/architecture.md, "Tables and their owners").
 */
class SchemaBoundaryTest {

  @Test
  void touchesOnlyTablesItOwnsOrViewsPublishedToIt() {
    assertThat(SchemaBoundaries.violations("minidns")).isEmpty();
  }
}
