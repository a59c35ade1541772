package io.zonecast.central.recordset;

import io.zonecast.central.system.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks each record's rdata against its type with dnsjava's parser (each type owns its syntax:
 * IPv4/IPv6 addresses, MX/SRV fields, TXT strings of at most 255 octets, CAA tags...) and stores it
 * in canonical presentation format with absolute names.
 */
public final class RecordData {

  /** Designate's supported types plus DS; SOA and apex NS are managed by zonecast itself. */
  static final Set<String> TYPES =
      Set.of(
          "A", "AAAA", "CNAME", "MX", "NS", "PTR", "SRV", "TXT", "SPF", "CAA", "NAPTR", "SSHFP",
          "CERT", "TLSA", "HTTPS", "SVCB", "DS", "SOA");

  private RecordData() {}

  static String type(String type) {
    String upper = type.toUpperCase(Locale.ROOT);
    if (!TYPES.contains(upper)) {
      throw ApiException.invalidObject("Record type " + type + " is not supported");
    }
    return upper;
  }

  static List<String> normalize(String type, String owner, String zone, List<String> data) {
    if (data.isEmpty()) {
      throw ApiException.invalidObject("'records' must contain at least one record");
    }
    Name ownerName = name(owner);
    Name origin = name(zone);
    int typeCode = Type.value(type);
    Set<String> result = new LinkedHashSet<>();
    long messageOctets = WireSize.emptyMessage(ownerName);
    for (int i = 0; i < data.size(); i++) {
      String text = data.get(i);
      if (text == null || text.isBlank() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
        throw ApiException.invalidObject("records[" + i + "] is empty or spans several lines");
      }
      if (type.equals("TXT") || type.equals("SPF")) {
        TxtText.check(text, i);
      }
      try {
        Record record = Record.fromString(ownerName, typeCode, DClass.IN, 0, text, origin);
        if (!result.add(canonical(record))) {
          throw ApiException.invalidObject("records[" + i + "] '" + text + "' is a duplicate");
        }
        String tooLarge = WireSize.rdataProblem(record);
        if (tooLarge != null) {
          throw ApiException.invalidObject("records[" + i + "]: " + tooLarge);
        }
        messageOctets += WireSize.recordOctets(record);
      } catch (IOException | IllegalArgumentException e) {
        throw ApiException.invalidObject(
            "records["
                + i
                + "] '"
                + text
                + "' is not a valid "
                + type
                + " record: "
                + e.getMessage());
      }
    }
    String tooLarge = WireSize.rrsetProblem(ownerName, typeCode, messageOctets);
    if (tooLarge != null) {
      throw ApiException.invalidObject("records: " + tooLarge);
    }
    return new ArrayList<>(result);
  }

  /** A type a recordset may have (through the API or a zone file). */
  public static boolean isSupported(String type) {
    return TYPES.contains(type);
  }

  /** A parsed record's rdata as zonecast stores it: presentation format, IPv6 per RFC 5952. */
  public static String canonical(Record record) {
    if (record instanceof AAAARecord aaaa) {
      return Ipv6Text.canonical(aaaa.getAddress().getAddress());
    }
    return record.rdataToString();
  }

  private static Name name(String fqdn) {
    try {
      return Name.fromString(fqdn);
    } catch (TextParseException e) {
      throw ApiException.badRequest("invalid_recordset_name", fqdn + ": " + e.getMessage());
    }
  }
}
