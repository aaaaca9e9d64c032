package io.emrys.api.protocol;

import java.util.ArrayList;
import java.util.List;

/** Splits and joins list-valued HTTP headers as RFC 7230 and Smithy's restJson1 describe them. */
final class HeaderValues
{
    private HeaderValues() {}

    /** Splits on commas outside double quotes; quoted items lose their quotes and backslash escapes. */
    static List<String> split(String header)
    {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int index = 0; index < header.length(); index++) {
            char c = header.charAt(index);
            if (quoted) {
                if (c == '\\' && index + 1 < header.length()) {
                    current.append(header.charAt(++index));
                }
                else if (c == '"') {
                    quoted = false;
                }
                else {
                    current.append(c);
                }
            }
            else if (c == '"' && current.toString().isBlank()) {
                current.setLength(0);
                quoted = true;
                wasQuoted = true;
            }
            else if (c == ',') {
                items.add(wasQuoted ? current.toString() : current.toString().trim());
                current.setLength(0);
                wasQuoted = false;
            }
            else if (!(wasQuoted && !quoted)) {
                current.append(c);
            }
        }
        items.add(wasQuoted ? current.toString() : current.toString().trim());
        return items;
    }

    /** http-date values contain a comma themselves ("Mon, 16 Dec 2019 ..."), so a list pairs its pieces. */
    static List<String> splitHttpDates(String header)
    {
        String[] pieces = header.split(",");
        List<String> items = new ArrayList<>();
        for (int index = 0; index + 1 < pieces.length; index += 2) {
            items.add((pieces[index].trim() + ", " + pieces[index + 1].trim()));
        }
        if (pieces.length % 2 != 0) {
            throw ProtocolException.serialization("Malformed http-date list: " + header);
        }
        return items;
    }

    /** Quotes an item that would otherwise be split or trimmed on the way back in. */
    static String quoteIfNeeded(String item)
    {
        if (item.indexOf(',') < 0 && item.indexOf('"') < 0 && item.equals(item.trim())) {
            return item;
        }
        return '"' + item.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
