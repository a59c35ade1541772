package io.zonecast.minidns.zonesource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** One zone held in memory, for the protocol and transfer tests (the database is in MiniDnsIT). */
public final class InMemoryZone implements ZoneSource {

  private final ZoneHead head;
  private final List<Record> records = new ArrayList<>();
  private final List<JournalStep> journal = new ArrayList<>();
  private RuntimeException failure;

  public InMemoryZone(Name apex, long serial) {
    this(UUID.randomUUID(), apex, serial);
  }

  /** The zone with id {@code id}: the same zone as another source's, e.g. a replica's copy. */
  public InMemoryZone(UUID id, Name apex, long serial) {
    this.head =
        new ZoneHead(
            id,
            apex,
            serial,
            new SOARecord(
                apex,
                DClass.IN,
                3600,
                Name.fromConstantString("ns1.example.org."),
                Name.fromConstantString("hostmaster.example.org."),
                serial,
                3500,
                600,
                86400,
                300));
  }

  public InMemoryZone add(Record record) {
    records.add(record);
    return this;
  }

  /** A step of the journal; steps are given oldest first and must end at the head's serial. */
  public InMemoryZone journal(JournalStep step) {
    journal.add(step);
    return this;
  }

  /** Makes every lookup fail, as when the database is down. */
  public InMemoryZone failing(RuntimeException e) {
    this.failure = e;
    return this;
  }

  public ZoneHead head() {
    return head;
  }

  public List<Record> records() {
    return records;
  }

  private void check() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public Optional<ZoneHead> findZone(Name name) {
    check();
    return name.subdomain(head.name()) ? Optional.of(head) : Optional.empty();
  }

  @Override
  public List<Record> recordsAt(ZoneHead zone, Name name) {
    check();
    return records.stream().filter(r -> r.getName().equals(name)).toList();
  }

  @Override
  public boolean hasNamesBelow(ZoneHead zone, Name name) {
    check();
    return records.stream().anyMatch(r -> !r.getName().equals(name) && r.getName().subdomain(name));
  }

  @Override
  public <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work) {
    check();
    if (!apex.equals(head.name())) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        work.apply(
            new ZoneSnapshot() {
              @Override
              public ZoneHead head() {
                return head;
              }

              @Override
              public void streamRecords(Consumer<Record> each) {
                records.forEach(each);
              }

              @Override
              public Optional<List<JournalStep>> journalFrom(long serial) {
                for (int i = 0; i < journal.size(); i++) {
                  if (journal.get(i).oldSerial() == serial) {
                    return Optional.of(List.copyOf(journal.subList(i, journal.size())));
                  }
                }
                return Optional.empty();
              }
            }));
  }
}
