package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.UUID;

/**
 * What a pool's catalog zone lists, read from one snapshot: the catalog's serial (schema V8, moved
 * by every change of the membership in the same transaction) and the pool's zones not being
 * deleted, by id.
 */
public record CatalogMembership(long serial, List<Member> members) {

  public CatalogMembership {
    members = List.copyOf(members);
  }

  /** A member zone: its id (the catalog's unique label) and absolute name. */
  public record Member(UUID id, String name) {}
}
