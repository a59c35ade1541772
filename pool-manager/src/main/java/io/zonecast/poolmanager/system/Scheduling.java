package io.zonecast.poolmanager.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the periodic check of propagations that waited too long. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {}
