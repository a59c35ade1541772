package io.zonecast.central.reserved;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names only an admin may create a zone at or below.
 *
 * @param names reserved names, each with everything below it (absolute, trailing dot). Default:
 *     {@code arpa.} (RFC 3172: the infrastructure domain, reverse zones included) and the
 *     special-use names of the root (RFC 6761 {@code localhost.}, {@code invalid.}, {@code test.},
 *     {@code example.}; RFC 6762 {@code local.}; RFC 7686 {@code onion.}; RFC 8375 {@code
 *     home.arpa.}; RFC 9476 {@code alt.}). Set it empty to reserve none of them.
 * @param poolNameserverDomains also reserve the domain of each pool's NS host names (the host name
 *     without its first label, e.g. {@code zonecast.test.} for {@code ns1.zonecast.test.})
 */
@ConfigurationProperties("zonecast.central.reserved-zones")
public record ReservedNamesProperties(
    @DefaultValue({
          "arpa.",
          "home.arpa.",
          "localhost.",
          "invalid.",
          "test.",
          "example.",
          "local.",
          "onion.",
          "alt."
        })
        List<String> names,
    @DefaultValue("true") boolean poolNameserverDomains) {}
