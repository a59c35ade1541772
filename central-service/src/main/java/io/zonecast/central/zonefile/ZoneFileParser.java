package io.zonecast.central.zonefile;

import io.zonecast.central.recordset.RecordData;
import io.zonecast.central.recordset.WireSize;
import io.zonecast.central.zonefile.ParsedZone.ParsedRecordset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Reads a zone file in RFC 1035 master format (section 5) with dnsjava's {@code Master}: the SOA
 * names the zone and gives its email, TTL and serial; the other RRs, grouped by name and type,
 * become recordsets. The apex NS RRs are dropped, as Designate drops them: the zone's NS records
 * are its pool's. Any entry that cannot be stored fails the whole file, naming its line.
 */
final class ZoneFileParser {

  /** dnsjava's tokenizer reports {@code <file>:<line>: <message>}; a stream is file "<none>". */
  private static final Pattern DNSJAVA_ERROR =
      Pattern.compile("^<none>:(\\d+): (.*)$", Pattern.DOTALL);

  private ZoneFileParser() {}

  private record Line(Record record, int line) {}

  static ParsedZone parse(String text) throws ZoneFileException {
    List<Integer> recordLines = new ArrayList<>();
    for (ZoneFileEntries.Entry entry : ZoneFileEntries.of(text)) {
      if (entry.directive() == null) {
        recordLines.add(entry.line());
      } else if (!entry.directive().equals("$ORIGIN") && !entry.directive().equals("$TTL")) {
        // $INCLUDE would read the server's files; $GENERATE is BIND's, not RFC 1035's
        throw ZoneFileException.at(
            entry.line(), entry.directive() + " is not supported (only $ORIGIN and $TTL)");
      }
    }
    List<Line> records = read(text, recordLines);
    Line soa = soa(records);
    return group(soa, records);
  }

  private static List<Line> read(String text, List<Integer> recordLines) throws ZoneFileException {
    List<Line> records = new ArrayList<>();
    try (Master master =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
      master.disableIncludes(true);
      master.expandGenerate(false);
      Record record;
      while ((record = master.nextRecord()) != null) {
        records.add(new Line(record, lineOf(recordLines, records.size())));
      }
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      Matcher located = DNSJAVA_ERROR.matcher(message);
      if (located.matches()) {
        throw ZoneFileException.at(Integer.parseInt(located.group(1)), located.group(2));
      }
      throw ZoneFileException.at(lineOf(recordLines, records.size()), message);
    }
    return records;
  }

  private static int lineOf(List<Integer> recordLines, int index) {
    return index < recordLines.size()
        ? recordLines.get(index)
        : recordLines.isEmpty() ? 1 : recordLines.getLast();
  }

  private static Line soa(List<Line> records) throws ZoneFileException {
    Line soa = null;
    for (Line line : records) {
      if (line.record().getType() == Type.SOA) {
        if (soa != null) {
          throw ZoneFileException.at(
              line.line(), "a second SOA record (the first is on line " + soa.line() + ")");
        }
        soa = line;
      }
    }
    if (soa == null) {
      throw new ZoneFileException("An SOA record is required.");
    }
    return soa;
  }

  private static final class Group {
    final String name;
    final String type;
    final long ttl;
    final int line;
    final Set<String> data = new LinkedHashSet<>();
    long messageOctets;

    Group(Name owner, String type, long ttl, int line) {
      this.name = owner.toString();
      this.type = type;
      this.ttl = ttl;
      this.line = line;
      this.messageOctets = WireSize.emptyMessage(owner);
    }
  }

  private static ParsedZone group(Line soaLine, List<Line> records) throws ZoneFileException {
    SOARecord soa = (SOARecord) soaLine.record();
    Name apex = soa.getName().canonicalize();
    if (soa.getTTL() > Integer.MAX_VALUE) {
      throw ZoneFileException.at(soaLine.line(), "the SOA TTL is above " + Integer.MAX_VALUE);
    }
    int zoneTtl = (int) soa.getTTL();
    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, Group> cnames = new LinkedHashMap<>();
    Map<String, Integer> otherTypes = new LinkedHashMap<>();
    for (Line line : records) {
      Record record = line.record();
      Name owner = record.getName().canonicalize();
      String type = Type.string(record.getType());
      if (record.getDClass() != DClass.IN) {
        throw ZoneFileException.at(
            line.line(),
            "class " + DClass.string(record.getDClass()) + " is not supported, only IN");
      }
      if (!owner.subdomain(apex)) {
        throw ZoneFileException.at(line.line(), owner + " is outside the zone " + apex);
      }
      if (record.getType() == Type.SOA || (record.getType() == Type.NS && owner.equals(apex))) {
        continue;
      }
      if (!RecordData.isSupported(type)) {
        throw ZoneFileException.at(line.line(), "record type " + type + " is not supported");
      }
      if (record.getTTL() > Integer.MAX_VALUE) {
        throw ZoneFileException.at(
            line.line(), "TTL " + record.getTTL() + " is above " + Integer.MAX_VALUE);
      }
      String name = owner.toString();
      Group group =
          groups.computeIfAbsent(
              name + " " + type, k -> new Group(owner, type, record.getTTL(), line.line()));
      if (group.ttl != record.getTTL()) {
        throw ZoneFileException.at(
            line.line(),
            "TTL "
                + record.getTTL()
                + " differs from the TTL "
                + group.ttl
                + " of the "
                + name
                + " "
                + type
                + " record on line "
                + group.line
                + " (RFC 2181 section 5.2: the RRs of a set have one TTL)");
      }
      if (group.data.add(RecordData.canonical(record))) {
        checkWireSize(owner, record, group, line.line());
      }
      checkCname(apex, owner, type, group, line.line(), cnames, otherTypes);
    }
    List<ParsedRecordset> recordsets = new ArrayList<>(groups.size());
    for (Group group : groups.values()) {
      Integer ttl = group.ttl == zoneTtl ? null : (int) group.ttl;
      recordsets.add(new ParsedRecordset(group.name, group.type, ttl, List.copyOf(group.data)));
    }
    return new ParsedZone(
        apex.toString(), email(soa.getAdmin()), zoneTtl, soa.getSerial(), recordsets);
  }

  /** Nothing stored may fail to go on the wire: see {@link WireSize}. */
  private static void checkWireSize(Name owner, Record record, Group group, int line)
      throws ZoneFileException {
    String problem = WireSize.rdataProblem(record);
    if (problem != null) {
      throw ZoneFileException.at(
          line, "the " + Type.string(record.getType()) + " record of " + owner + ": " + problem);
    }
    group.messageOctets += WireSize.recordOctets(record);
    problem = WireSize.rrsetProblem(owner, record.getType(), group.messageOctets);
    if (problem != null) {
      throw ZoneFileException.at(line, problem);
    }
  }

  /** RFC 1034 section 3.6.2: a CNAME is alone at its name, and never at the apex. */
  private static void checkCname(
      Name apex,
      Name owner,
      String type,
      Group group,
      int line,
      Map<String, Group> cnames,
      Map<String, Integer> otherTypes)
      throws ZoneFileException {
    String name = owner.toString();
    if (type.equals("CNAME")) {
      if (owner.equals(apex)) {
        throw ZoneFileException.at(line, "a CNAME record cannot be at the zone apex");
      }
      if (group.data.size() > 1) {
        throw ZoneFileException.at(line, "a second CNAME record for " + name);
      }
      cnames.put(name, group);
      Integer other = otherTypes.get(name);
      if (other != null) {
        throw ZoneFileException.at(
            line, "a CNAME record for " + name + ", which has other records (line " + other + ")");
      }
    } else {
      otherTypes.putIfAbsent(name, line);
      Group cname = cnames.get(name);
      if (cname != null) {
        throw ZoneFileException.at(
            line, name + " has a CNAME record (line " + cname.line + "), so no other records");
      }
    }
  }

  /** The SOA RNAME as an address: the first label, unescaped, is the local part. */
  private static String email(Name rname) {
    if (rname.labels() < 3) {
      return rname.toString();
    }
    String local = rname.getLabelString(0).replace("\\.", ".");
    return local + "@" + new Name(rname, 1).toString(true);
  }
}
