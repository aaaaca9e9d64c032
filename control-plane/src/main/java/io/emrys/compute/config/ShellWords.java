package io.emrys.compute.config;

import io.emrys.error.EmrysException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into words the way a POSIX shell does, without expansion: blanks separate words, single quotes
 * keep everything literally, double quotes keep blanks and honour {@code \"}, {@code \\}, {@code \$} and
 * {@code \`}, and a backslash outside quotes escapes the next character.
 */
public final class ShellWords
{
    private ShellWords() {}

    public static List<String> split(String text, String what)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            }
            else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(what, '\'', i);
                }
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            }
            else if (c == '"') {
                i = appendDoubleQuoted(text, i, word, what);
                inWord = true;
            }
            else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw EmrysException.validation("%s ends with a lone backslash".formatted(what));
                }
                word.append(text.charAt(i + 1));
                inWord = true;
                i += 2;
            }
            else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the content of the double-quoted string opening at {@code open}; returns the index after it. */
    private static int appendDoubleQuoted(String text, int open, StringBuilder word, String what)
    {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                word.append(text.charAt(i + 1));
                i += 2;
            }
            else {
                word.append(c);
                i++;
            }
        }
        throw unterminated(what, '"', open);
    }

    private static EmrysException unterminated(String what, char quote, int position)
    {
        return EmrysException.validation("%s has an unterminated %s quote starting at position %d".formatted(what, quote, position));
    }
}
