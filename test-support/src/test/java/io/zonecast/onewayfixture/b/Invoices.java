package io.zonecast.onewayfixture.b;

/** Knows nothing of the package above. */
public class Invoices {}
