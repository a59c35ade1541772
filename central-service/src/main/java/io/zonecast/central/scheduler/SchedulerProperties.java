package io.zonecast.central.scheduler;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How central picks a new zone's pool.
 *
 * @param filters the scheduler's filters, run left to right (Designate's {@code
 *     scheduler_filters}): {@code attribute}, {@code pool_id_attribute}, {@code default_pool},
 *     {@code fallback}, {@code in_doubt_default_pool}, {@code random}
 */
@ConfigurationProperties("zonecast.central.scheduler")
public record SchedulerProperties(
    @DefaultValue({"attribute", "pool_id_attribute", "in_doubt_default_pool"})
        List<String> filters) {}
