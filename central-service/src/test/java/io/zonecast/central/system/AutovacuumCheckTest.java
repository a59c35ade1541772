package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

class AutovacuumCheckTest {

  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(AutovacuumCheck.class);
  final JdbcTemplate jdbc = mock(JdbcTemplate.class);

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logged);
  }

  @Test
  void aServerWithAutovacuumOffIsReported() {
    when(jdbc.queryForObject("show autovacuum", String.class)).thenReturn("off");

    new AutovacuumCheck(jdbc).check();

    assertThat(logged.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("autovacuum is off"));
  }

  @Test
  void aServerWithAutovacuumOnIsNot() {
    when(jdbc.queryForObject("show autovacuum", String.class)).thenReturn("on");

    new AutovacuumCheck(jdbc).check();

    assertThat(logged.list).isEmpty();
  }
}
