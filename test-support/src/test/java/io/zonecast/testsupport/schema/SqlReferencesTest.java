package io.zonecast.testsupport.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.schema.SqlReferences.Reference;
import org.junit.jupiter.api.Test;

class SqlReferencesTest {

  @Test
  void findsTablesInLiteralsTextBlocksAndConcatenationsButNotInComments() {
    String source =
        """
        // select * from comment_table
        /** reads from javadoc_table */
        class Repo {
          static final String Q = \"""
              select z.id from published.zones z
              join records r on r.zone_id = z.id
              \""";
          void f() {
            jdbc.update("delete from zone_redrives where zone_id = ?", id);
            jdbc.update("insert into sync_positions (name) values (?)" + " on conflict do nothing");
            jdbc.query("select " + COLUMNS + " from zone_propagations where id = ?");
            jdbc.update("update zones set serial = ? where id = ?");
            log.info("a \\"quoted\\" word from the log");
          }
        }
        """;

    assertThat(SqlReferences.in(source))
        .containsExactly(
            new Reference("published.zones", false),
            new Reference("records", false),
            new Reference("zone_redrives", true),
            new Reference("sync_positions", true),
            new Reference("zone_propagations", false),
            new Reference("zones", true),
            new Reference("the", false));
  }

  @Test
  void aJpaEntitysTableIsWritten() {
    assertThat(SqlReferences.in("@Entity @Table(name = \"zones\") class Zone {}"))
        .containsExactly(new Reference("zones", true));
  }
}
