package io.zonecast.central.dnssec;

import io.zonecast.central.journal.ZoneJournal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
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
 * in the change's transaction: what is held at once is one slice, whatever the zone's size. Each
 * slice is a range of names, and its stored records are read by that range (every stored record of
 * its kind in the range, so the records of names gone are removed with their slice); the chain's
 * entries go to a temporary table (dropped at commit), from which they are read back by owner, each
 * with the entry after it in chain order. Records beyond the last slice are removed (journalled in
 * the same statement).
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
    table();
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
          public Map<Name, Set<Integer>> types(String after, String last, Collection<Name> others) {
            Map<Name, Set<Integer>> types =
                new HashMap<>(data.types(run.zoneId, NameFilter.range(after, last)));
            if (!others.isEmpty()) {
              types.putAll(data.types(run.zoneId, others));
            }
            return types;
          }
        };
    String lastName =
        ZoneSlices.names(
            run.apex,
            names,
            size,
            apexTypes,
            run.nsec3,
            slice -> {
              Map<RRsetKey, RRset> wanted =
                  slice.names().contains(run.apex.canonicalize()) ? apexRecords : Map.of();
              slices.sign(
                  run,
                  NameFilter.range(slice.after(), slice.last()),
                  StoredRecords.Kind.DATA,
                  wanted,
                  slice.signed());
              remember(slice.chain());
            });
    // the planner has no statistics of a table filled in this transaction
    jdbc.execute("analyze signing_chain");
    String lastOwner =
        ZoneSlices.chain(
            new Chain(),
            size,
            run.denialTtl,
            run.nsec3,
            slice -> {
              Map<RRsetKey, RRset> wanted = new LinkedHashMap<>();
              for (Record record : slice.records()) {
                wanted
                    .computeIfAbsent(
                        new RRsetKey(record.getName(), record.getType()), k -> new RRset())
                    .addRR(record);
              }
              slices.sign(
                  run,
                  NameFilter.range(slice.after(), slice.last()),
                  StoredRecords.Kind.CHAIN,
                  wanted,
                  List.of());
            });
    // what is stored beyond the last slice of each pass: names gone, or a chain of the other kind
    removeAfter(run, lastName, StoredRecords.Kind.DATA);
    removeAfter(run, lastOwner, StoredRecords.Kind.CHAIN);
  }

  private void removeAfter(SigningRun run, String last, StoredRecords.Kind kind) {
    journal.appendRemovedToStep(
        run.step,
        "delete from zone_dnssec_records d where d.zone_id = ? and d.name > ?"
            + kind.condition
            + " returning d.name, d.type, d.ttl, d.data",
        run.zoneId,
        last);
  }

  /** The chain's table, empty; one transaction may sign several zones. */
  private void table() {
    jdbc.execute(
        """
        create temporary table if not exists signing_chain (
          key bytea primary key, owner varchar(255) not null unique, bitmap text not null)
        on commit drop
        """);
    jdbc.execute("truncate signing_chain");
  }

  private void remember(List<ZoneSlices.ChainEntry> chain) {
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

  /** The chain's entries as the temporary table holds them. */
  private final class Chain implements ZoneSlices.ChainEntries {

    @Override
    public List<ZoneSlices.Link> after(String owner, int limit) {
      List<ZoneSlices.Link> links = new ArrayList<>(limit);
      jdbc.query(
          """
          select c.key, c.owner, c.bitmap, n.key as next_key, n.owner as next_owner,
                 n.bitmap as next_bitmap
          from signing_chain c
          left join lateral (select key, owner, bitmap from signing_chain n where n.key > c.key
                             order by n.key limit 1) n on true
          where c.owner > ? order by c.owner limit ?
          """,
          rs -> {
            ZoneSlices.ChainEntry entry =
                entry(rs.getBytes("key"), rs.getString("owner"), rs.getString("bitmap"));
            byte[] next = rs.getBytes("next_key");
            links.add(
                new ZoneSlices.Link(
                    entry,
                    next == null
                        ? null
                        : entry(next, rs.getString("next_owner"), rs.getString("next_bitmap"))));
          },
          owner,
          limit);
      return links;
    }

    @Override
    public ZoneSlices.ChainEntry first() {
      List<ZoneSlices.ChainEntry> first =
          jdbc.query(
              "select key, owner, bitmap from signing_chain order by key limit 1",
              (rs, row) ->
                  entry(rs.getBytes("key"), rs.getString("owner"), rs.getString("bitmap")));
      return first.isEmpty() ? null : first.getFirst();
    }
  }

  private static ZoneSlices.ChainEntry entry(byte[] key, String owner, String bitmap) {
    return new ZoneSlices.ChainEntry(
        key,
        ZoneSigner.name(owner),
        bitmap.isEmpty()
            ? new int[0]
            : Arrays.stream(bitmap.split(" ")).mapToInt(Integer::parseInt).toArray());
  }
}
