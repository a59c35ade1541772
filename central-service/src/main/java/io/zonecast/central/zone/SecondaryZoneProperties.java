package io.zonecast.central.zone;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SECONDARY zones.
 *
 * @param managedResourceEmail the email every SECONDARY zone gets (Designate's {@code
 *     [service:central] managed_resource_email}): the zone's SOA is its master's, so the API takes
 *     none
 */
@ConfigurationProperties("zonecast.central.secondary")
public record SecondaryZoneProperties(
    @DefaultValue("hostmaster@example.com") String managedResourceEmail) {}
