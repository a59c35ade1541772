package io.zonecast.minidns;

import io.zonecast.runtime.amqp.ContractMessaging;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(ContractMessaging.class)
@ConfigurationPropertiesScan
public class MiniDnsApplication {

  public static void main(String[] args) {
    SpringApplication.run(MiniDnsApplication.class, args);
  }
}
