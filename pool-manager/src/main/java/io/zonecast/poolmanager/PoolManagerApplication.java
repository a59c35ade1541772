package io.zonecast.poolmanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PoolManagerApplication {

  public static void main(String[] args) {
    SpringApplication.run(PoolManagerApplication.class, args);
  }
}
