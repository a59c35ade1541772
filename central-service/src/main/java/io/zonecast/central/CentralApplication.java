package io.zonecast.central;

import io.zonecast.runtime.amqp.ContractMessaging;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@Import(ContractMessaging.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CentralApplication {

  public static void main(String[] args) {
    SpringApplication.run(CentralApplication.class, args);
  }
}
