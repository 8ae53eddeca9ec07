package dev.webcache.http;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Targeted cache-control fields (RFC 9213), such as {@code CDN-Cache-Control}: a cache that obeys a list of them uses
 * the first one of its list that the response carries with a valid, non-empty value, in place of both
 * {@code Cache-Control} and {@code Expires}. The value is a Structured Field Dictionary (RFC 8941); one that does not
 * parse as one, or whose {@code max-age}, {@code s-maxage}, {@code stale-while-revalidate} or
 * {@code stale-if-error} is not a non-negative integer, is ignored as if absent. Directives set to {@code ?0} are
 * left out; parameters are ignored.
 */
public final class TargetedCacheControl {
    private static final Set<String> DELTA_SECONDS = Set.of("max-age", "s-maxage", "stale-while-revalidate",
            "stale-if-error");

    private TargetedCacheControl() {
    }

    /**
     * The directives this cache obeys, or {@code null} when none of the fields is present and valid (then
     * {@code Cache-Control} and {@code Expires} apply).
     *
     * @param fieldNames the targeted fields this cache obeys, in order of preference
     * @param lines      a field's lines by name (none: an empty list)
     */
    public static CacheControl select(List<String> fieldNames, Function<String, ? extends Iterable<String>> lines) {
        for (String name : fieldNames) {
            Iterable<String> values = lines.apply(name);
            if (values != null && values.iterator().hasNext()) {
                CacheControl parsed = parse(String.join(",", values));
                if (parsed != null) {
                    return parsed;
                }
            }
        }
        return null;
    }

    /** A field value's directives, or {@code null} when it is empty or not a valid dictionary of them. */
    static CacheControl parse(String value) {
        StringBuilder directives = new StringBuilder();
        Parser parser = new Parser(value);
        parser.spaces();
        if (parser.atEnd()) {
            return null;
        }
        while (true) {
            String key = parser.key();
            if (key == null) {
                return null;
            }
            String item = "";
            if (parser.take('=')) {
                if (parser.peek() == '(') {
                    if (!parser.innerList()) {
                        return null;
                    }
                    item = null;
                } else {
                    item = parser.bareItem();
                    if (item == null) {
                        return null;
                    }
                }
            }
            if (!parser.parameters()) {
                return null;
            }
            if (DELTA_SECONDS.contains(key) && (item == null || item.isEmpty() || !isDigits(item))) {
                return null;
            }
            if (item != null && !item.equals("?0")) {
                directives.append(directives.isEmpty() ? "" : ", ").append(key);
                if (!item.isEmpty() && !item.equals("?1")) {
                    directives.append('=').append(item);
                }
            }
            parser.optionalWhitespace();
            if (parser.atEnd()) {
                return CacheControl.parse(directives.toString());
            }
            if (!parser.take(',')) {
                return null;
            }
            parser.optionalWhitespace();
            if (parser.atEnd()) {
                return null;
            }
        }
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A cursor over a field value, reading the parts of RFC 8941 that a dictionary uses. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return atEnd() ? 0 : text.charAt(at);
        }

        boolean take(char c) {
            if (peek() == c && !atEnd()) {
                at++;
                return true;
            }
            return false;
        }

        void spaces() {
            while (peek() == ' ') {
                at++;
            }
        }

        void optionalWhitespace() {
            while (peek() == ' ' || peek() == '\t') {
                at++;
            }
        }

        /** {@code (lcalpha / "*") *(lcalpha / DIGIT / "_" / "-" / "." / "*")}, or {@code null}. */
        String key() {
            int start = at;
            char first = peek();
            if (!(first >= 'a' && first <= 'z' || first == '*')) {
                return null;
            }
            at++;
            while (!atEnd()) {
                char c = peek();
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "_-.*".indexOf(c) >= 0) {
                    at++;
                } else {
                    break;
                }
            }
            return text.substring(start, at);
        }

        /** A bare item as written (integer, decimal, string, token, byte sequence, boolean), or {@code null}. */
        String bareItem() {
            int start = at;
            char c = peek();
            boolean valid;
            if (c == '-' || c >= '0' && c <= '9') {
                valid = number();
            } else if (c == '"') {
                valid = string();
            } else if (c == ':') {
                valid = bytes();
            } else if (c == '?') {
                at++;
                valid = take('0') || take('1');
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '*') {
                at++;
                while (!atEnd() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
                    at++;
                }
                valid = true;
            } else {
                valid = false;
            }
            return valid ? text.substring(start, at) : null;
        }

        private boolean number() {
            take('-');
            int digits = 0;
            while (peek() >= '0' && peek() <= '9' && !atEnd()) {
                at++;
                digits++;
            }
            if (digits == 0) {
                return false;
            }
            if (!take('.')) {
                return digits <= 15;
            }
            int fraction = 0;
            while (peek() >= '0' && peek() <= '9' && !atEnd()) {
                at++;
                fraction++;
            }
            return digits <= 12 && fraction >= 1 && fraction <= 3;
        }

        private boolean string() {
            at++;
            while (!atEnd()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return true;
                }
                if (c == '\\') {
                    if (atEnd() || text.charAt(at) != '"' && text.charAt(at) != '\\') {
                        return false;
                    }
                    at++;
                } else if (c < 0x20 || c > 0x7e) {
                    return false;
                }
            }
            return false;
        }

        private boolean bytes() {
            at++;
            while (!atEnd()) {
                char c = text.charAt(at++);
                if (c == ':') {
                    return true;
                }
                if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=')) {
                    return false;
                }
            }
            return false;
        }

        /** {@code "(" *SP [ item *(1*SP item) *SP ] ")" parameters}; the list's content is not used. */
        boolean innerList() {
            at++;
            while (true) {
                spaces();
                if (take(')')) {
                    return parameters();
                }
                if (bareItem() == null || !parameters()) {
                    return false;
                }
                if (peek() != ' ' && peek() != ')') {
                    return false;
                }
            }
        }

        /** {@code *(";" *SP key ["=" bare-item])}. */
        boolean parameters() {
            while (take(';')) {
                spaces();
                if (key() == null) {
                    return false;
                }
                if (take('=') && bareItem() == null) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isTchar(char c) {
            return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
