package io.emrys.agent;

import java.util.Locale;

/**
 * Builds one JSON object on one line by hand, so the agent needs no JSON library of its own and cannot clash with
 * the Jackson version Spark ships. Only strings and integers are needed by the files the agent writes.
 */
final class JsonLine
{
    private final StringBuilder text = new StringBuilder("{");

    JsonLine field(String name, String value)
    {
        separate();
        quote(name);
        text.append(':');
        quote(value);
        return this;
    }

    JsonLine field(String name, long value)
    {
        separate();
        quote(name);
        text.append(':').append(value);
        return this;
    }

    /** The object followed by a newline. */
    String toLine()
    {
        return text + "}\n";
    }

    private void separate()
    {
        if (text.length() > 1) {
            text.append(',');
        }
    }

    private void quote(String value)
    {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    // Other control characters (and lone surrogates are left as they are: UTF-8 encoding replaces them).
                    if (c < 0x20) {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                    else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
