package io.zonecast.minidns.zonesource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonecast.minidns.system.MiniDnsProperties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zones as stored in the database ({@code jdbcZoneSource}, wrapped by the catalog zones): read
 * from the primary, or from a read replica guarded by the serial marks when one is configured.
 */
@Configuration(proxyBeanMethods = false)
class ZoneSourceConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ZoneSourceConfiguration.class);

  @Bean
  ZoneSource jdbcZoneSource(
      DataSource dataSource,
      DataSourceProperties database,
      MiniDnsProperties properties,
      ReadReplica replica,
      SerialMarks marks,
      MeterRegistry meters) {
    JdbcZoneSource primary = new JdbcZoneSource(dataSource, properties);
    if (!replica.enabled()) {
      return primary;
    }
    log.info(
        "reading SOA, AXFR and IXFR from the read replica {} (never older than a NOTIFY or poll)",
        replica.url());
    // not a DataSource bean: that would replace the primary's auto-configuration and make the
    // replica part of the readiness check; closed with the bean (AutoCloseable)
    HikariDataSource pool = replicaPool(replica, database);
    return new ReplicaGuardedZoneSource(
        primary,
        new JdbcZoneSource(pool, properties),
        pool,
        marks,
        meters,
        replica.pauseAfterFailure(),
        System::nanoTime);
  }

  private HikariDataSource replicaPool(ReadReplica replica, DataSourceProperties database) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("read-replica");
    pool.setJdbcUrl(replica.url());
    boolean ownUser = !replica.username().isBlank();
    pool.setUsername(ownUser ? replica.username() : database.determineUsername());
    pool.setPassword(ownUser ? replica.password() : database.determinePassword());
    pool.setReadOnly(true);
    pool.setMaximumPoolSize(replica.maximumPoolSize());
    pool.setMinimumIdle(0);
    pool.setConnectionTimeout(replica.connectionTimeout().toMillis());
    // start even while the standby is down: the primary answers until it is back
    pool.setInitializationFailTimeout(-1);
    return pool;
  }
}
