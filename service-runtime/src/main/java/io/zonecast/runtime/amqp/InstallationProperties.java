package io.zonecast.runtime.amqp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which installation this service belongs to ({@code zonecast.installation.*}).
 *
 * @param id the installation's id, in every exchange and queue name and every message; unset: the
 *     database's (table {@code installation}). Another installation's messages are dead-lettered
 *     unread
 */
@ConfigurationProperties("zonecast.installation")
public record InstallationProperties(String id) {}
