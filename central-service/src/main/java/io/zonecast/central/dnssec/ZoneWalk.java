package io.zonecast.central.dnssec;

import io.zonecast.central.journal.ZoneJournal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Signs a whole zone in slices of {@code zonecast.dnssec.signing-slice} names ({@link ZoneSlices}),
 * in the change's transaction: what is held at once is one slice, whatever the zone's size. The
 * chain's entries and the names signed go to two temporary tables (dropped at commit), from which
 * the chain is read back in its order and the records of names no longer signed are found and
 * removed (journalled in the same statement).
 */
@Component
class ZoneWalk {

  private static final HexFormat HEX = HexFormat.of();

  private final JdbcTemplate jdbc;
  private final ZoneData data;
  private final SliceSigner slices;
  private final ZoneJournal journal;
  private final DnssecProperties properties;

  ZoneWalk(
      JdbcTemplate jdbc,
      ZoneData data,
      SliceSigner slices,
      ZoneJournal journal,
      DnssecProperties properties) {
    this.jdbc = jdbc;
    this.data = data;
    this.slices = slices;
    this.journal = journal;
    this.properties = properties;
  }

  /** Signs the whole zone; {@code apexRecords} are the DNSKEY, CDS, CDNSKEY and NSEC3PARAM sets. */
  void sign(SigningRun run, Map<RRsetKey, RRset> apexRecords) {
    int size = properties.signingSlice();
    tables();
    Set<Integer> apexTypes = new LinkedHashSet<>();
    apexTypes.add(Type.SOA);
    apexRecords.keySet().forEach(k -> apexTypes.add(k.type()));
    ZoneSlices.ZoneNames names =
        new ZoneSlices.ZoneNames() {
          @Override
          public List<String> after(String after, int limit) {
            return data.namesAfter(run.zoneId, after, limit);
          }

          @Override
          public Map<Name, Set<Integer>> types(Collection<Name> of) {
            return data.types(run.zoneId, of);
          }
        };
    ZoneSlices.names(
        run.apex,
        names,
        size,
        apexTypes,
        run.nsec3,
        slice -> {
          Map<RRsetKey, RRset> wanted =
              slice.names().contains(run.apex.canonicalize()) ? apexRecords : Map.of();
          slices.sign(run, slice.names(), StoredRecords.Kind.DATA, wanted, slice.signed());
          remember(slice);
        });
    ZoneSlices.chain(
        this::chainAfter,
        size,
        run.denialTtl,
        run.nsec3,
        records -> {
          Map<RRsetKey, RRset> wanted = new LinkedHashMap<>();
          for (Record record : records) {
            wanted
                .computeIfAbsent(new RRsetKey(record.getName(), record.getType()), k -> new RRset())
                .addRR(record);
          }
          List<Name> owners = records.stream().map(Record::getName).toList();
          slices.sign(run, owners, StoredRecords.Kind.CHAIN, wanted, List.of());
        });
    // what is stored at names no slice reached: names gone, or a chain of the other kind (the
    // tables analysed first: the planner has no statistics of a table filled in this transaction)
    jdbc.execute("analyze signing_names, signing_chain");
    journal.appendRemovedToStep(
        run.step,
        "delete from zone_dnssec_records d where d.zone_id = ?"
            + StoredRecords.Kind.DATA.condition
            + " and not exists (select 1 from signing_names v where v.name = d.name)"
            + " returning d.name, d.type, d.ttl, d.data",
        run.zoneId);
    journal.appendRemovedToStep(
        run.step,
        "delete from zone_dnssec_records d where d.zone_id = ?"
            + StoredRecords.Kind.CHAIN.condition
            + " and not exists (select 1 from signing_chain c where c.owner = d.name)"
            + " returning d.name, d.type, d.ttl, d.data",
        run.zoneId);
  }

  /** The two tables, empty; one transaction may sign several zones. */
  private void tables() {
    jdbc.execute(
        """
        create temporary table if not exists signing_names (name varchar(255) primary key)
        on commit drop
        """);
    jdbc.execute(
        """
        create temporary table if not exists signing_chain (
          key bytea primary key, owner varchar(255) not null unique, bitmap text not null)
        on commit drop
        """);
    jdbc.execute("truncate signing_names, signing_chain");
  }

  private void remember(ZoneSlices.NameSlice slice) {
    jdbc.update(
        "insert into signing_names (name) select unnest(?::varchar[]) on conflict do nothing",
        (Object) slice.names().stream().map(Name::toString).toArray(String[]::new));
    List<ZoneSlices.ChainEntry> chain = slice.chain();
    if (chain.isEmpty()) {
      return;
    }
    jdbc.update(
        """
        insert into signing_chain (key, owner, bitmap)
        select decode(e.key, 'hex'), e.owner, e.bitmap
        from unnest(?::text[], ?::varchar[], ?::text[]) as e(key, owner, bitmap)
        on conflict do nothing
        """,
        chain.stream().map(e -> HEX.formatHex(e.key())).toArray(String[]::new),
        chain.stream().map(e -> e.owner().toString()).toArray(String[]::new),
        chain.stream()
            .map(e ->
                Arrays.stream(e.bitmap())
                    .mapToObj(String::valueOf)
                    .collect(Collectors.joining(" ")))
            .toArray(String[]::new));
  }

  private List<ZoneSlices.ChainEntry> chainAfter(byte[] key, int limit) {
    List<ZoneSlices.ChainEntry> entries = new ArrayList<>(limit);
    jdbc.query(
        "select key, owner, bitmap from signing_chain where key > decode(?, 'hex')"
            + " order by key limit ?",
        rs -> {
          String bitmap = rs.getString("bitmap");
          entries.add(
              new ZoneSlices.ChainEntry(
                  rs.getBytes("key"),
                  ZoneSigner.name(rs.getString("owner")),
                  bitmap.isEmpty()
                      ? new int[0]
                      : Arrays.stream(bitmap.split(" ")).mapToInt(Integer::parseInt).toArray()));
        },
        HEX.formatHex(key),
        limit);
    return entries;
  }
}
