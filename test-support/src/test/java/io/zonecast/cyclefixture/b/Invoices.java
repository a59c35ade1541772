package io.zonecast.cyclefixture.b;

import io.zonecast.cyclefixture.a.Orders;

/** The other half of the cycle. */
public class Invoices {
  Orders orders;
}
