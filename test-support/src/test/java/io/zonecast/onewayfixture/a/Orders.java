package io.zonecast.onewayfixture.a;

import io.zonecast.onewayfixture.b.Invoices;

/** Uses the lower package only: no cycle. */
public class Orders {
  Invoices invoices;
}
