package io.zonecast.central.secondary.wire;

/**
 * One resource record of a transfer, as stored: owner (lower case, absolute), type mnemonic, TTL
 * and rdata in presentation format.
 */
public record StagedRecord(String name, String type, long ttl, String data) {}
