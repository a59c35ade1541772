package io.zonecast.cyclefixture.a;

import io.zonecast.cyclefixture.b.Invoices;

/** Half of a package cycle BoundaryRulesTest must find. */
public class Orders {
  Invoices invoices;
}
