package dev.webcache.http;

import java.util.ArrayList;
import java.util.List;

/** The RFC 9110 grammar the header values share: tokens, quoted strings and comma-separated lists. */
final class HeaderSyntax {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderSyntax() {
    }

    static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when every character may appear inside a quoted-string: visible ASCII, space, tab and obs-text. Above all
     * never CR or LF, which would let a value split the header (response splitting).
     */
    static boolean isQuotable(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** The value as a quoted-string, with backslash and double quote escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** The value as a token when it is one, else as a quoted-string. */
    static String tokenOrQuoted(String value) {
        return isToken(value) ? value : quote(value);
    }

    /**
     * Splits a comma-separated list, leaving commas inside quoted strings alone. Elements are trimmed and empty ones
     * dropped; quotes are kept so that callers can parse each element.
     */
    static List<String> splitList(String list) {
        List<String> elements = new ArrayList<>();
        if (list == null) {
            return elements;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quoted && c == '\\' && i + 1 < list.length()) {
                current.append(c).append(list.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                addTrimmed(elements, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addTrimmed(elements, current);
        return elements;
    }

    private static void addTrimmed(List<String> elements, StringBuilder element) {
        String trimmed = element.toString().strip();
        if (!trimmed.isEmpty()) {
            elements.add(trimmed);
        }
    }

    /** The header lines as one list value, as RFC 9110 section 5.3 allows for list-based fields. */
    static String join(Iterable<String> lines) {
        if (lines == null) {
            return null;
        }
        StringBuilder joined = null;
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            if (joined == null) {
                joined = new StringBuilder(line);
            } else {
                joined.append(", ").append(line);
            }
        }
        return joined == null ? null : joined.toString();
    }
}
