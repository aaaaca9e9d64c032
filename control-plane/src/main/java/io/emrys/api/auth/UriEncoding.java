package io.emrys.api.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as SigV4 uses it: everything except the unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) is encoded as {@code %XX} with upper-case hex. Works on bytes, so that a
 * decoded value is re-encoded exactly, whatever its charset.
 */
final class UriEncoding
{
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    static String encode(String value, boolean keepSlash)
    {
        return encode(value.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    static String encode(byte[] bytes, boolean keepSlash)
    {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            }
            else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Percent-decodes to bytes. A {@code +} stays a plus (RFC 3986, not HTML forms): the AWS signers encode a
     * space as {@code %20}. A malformed escape is kept literally rather than rejected, so it canonicalizes to
     * {@code %25...} just as the client's signer would have encoded it.
     */
    static byte[] decode(String value)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && hexValue(value.charAt(i + 1)) >= 0 && hexValue(value.charAt(i + 2)) >= 0) {
                out.write(hexValue(value.charAt(i + 1)) << 4 | hexValue(value.charAt(i + 2)));
                i += 3;
            }
            else {
                int codePoint = value.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        return out.toByteArray();
    }

    static String decodeToString(String value)
    {
        return new String(decode(value), StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(int c)
    {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hexValue(char c)
    {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
