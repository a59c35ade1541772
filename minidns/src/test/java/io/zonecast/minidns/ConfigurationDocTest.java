package io.zonecast.minidns;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ConfigurationDoc;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every setting of this service's records, with the same default and a
 * description, and no setting that no record declares.
 */
class ConfigurationDocTest {

  @Test
  void theDocListsEverySettingOfThisServiceWithTheDefaultOfItsRecord() {
    assertThat(ConfigurationDoc.disagreements("minidns", "io.zonecast.minidns")).isEmpty();
  }
}
