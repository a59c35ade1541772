package io.zonecast.minidns;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MiniDnsApplication {

  public static void main(String[] args) {
    SpringApplication.run(MiniDnsApplication.class, args);
  }
}
