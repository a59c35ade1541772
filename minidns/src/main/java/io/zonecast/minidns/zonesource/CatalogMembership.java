package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a pool's catalog zone lists, read from one snapshot: the catalog's serial (schema V8, moved
 * by every change of the membership in the same transaction) and the pool's zones not being
 * deleted, by id. The members are streamed, never held all at once: a pool may have 100,000.
 */
public interface CatalogMembership {

  long serial();

  /** Hands each member on, ordered by id. */
  void streamMembers(Consumer<Member> members);

  /** A membership held in memory (tests, small pools). */
  static CatalogMembership of(long serial, List<Member> members) {
    List<Member> copy = List.copyOf(members);
    return new CatalogMembership() {
      @Override
      public long serial() {
        return serial;
      }

      @Override
      public void streamMembers(Consumer<Member> consumer) {
        copy.forEach(consumer);
      }
    };
  }

  /** A member zone: its id (the catalog's unique label) and absolute name. */
  record Member(UUID id, String name) {}
}
