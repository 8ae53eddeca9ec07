package dev.webcache.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the value of a request header that a {@code Vary} names is compared with another request's (RFC 9111 section
 * 4.1 lets a cache normalise what is semantically equal). Two values select the same stored response when their
 * normalised forms are equal:
 * <ul>
 * <li>{@code Cookie}: as sent (its pairs are joined with {@code "; "}; their order and spacing can matter to the
 * application);</li>
 * <li>{@code Accept}, {@code Accept-Encoding}, {@code Accept-Language}: a list of members compared as a set:
 * lowercased, whitespace around {@code ,}, {@code ;} and {@code =} removed, empty members dropped, sorted (so
 * {@code en, fr} selects what {@code fr,EN} does; weights stay part of their member);</li>
 * <li>any other header: whitespace around the {@code ,} between list members (and at either end) removed, empty
 * members dropped, case and order kept ({@code 1,2} selects what {@code " 1, 2 "} does).</li>
 * </ul>
 */
public final class VaryValues {
    private static final Set<String> UNORDERED = Set.of("accept", "accept-encoding", "accept-language");

    private VaryValues() {
    }

    /**
     * The normalised form of a header's value.
     *
     * @param lowercaseName the header's name, lowercase
     * @param value         its lines joined with {@code ", "} ({@code "; "} for {@code Cookie})
     */
    public static String normalised(String lowercaseName, String value) {
        if (lowercaseName.equals("cookie")) {
            return value;
        }
        boolean unordered = UNORDERED.contains(lowercaseName);
        if (isOneBareMember(value, unordered)) {
            return value;
        }
        List<String> members = new ArrayList<>();
        for (String member : value.split(",", -1)) {
            String stripped = member.strip();
            if (!stripped.isEmpty()) {
                members.add(unordered ? compact(stripped.toLowerCase(Locale.ROOT)) : stripped);
            }
        }
        if (unordered) {
            Collections.sort(members);
        }
        return String.join(",", members);
    }

    /** Whether the value is already its own normal form: one member, no whitespace, lowercase where it counts. */
    private static boolean isOneBareMember(String value, boolean lowercase) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t' || lowercase && c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /** A member without whitespace around its {@code ;} and {@code =} ({@code en ; q = 0.5} is {@code en;q=0.5}). */
    private static String compact(String member) {
        StringBuilder out = new StringBuilder(member.length());
        for (int i = 0; i < member.length(); i++) {
            char c = member.charAt(i);
            if (c == ' ' || c == '\t') {
                char before = out.isEmpty() ? ';' : out.charAt(out.length() - 1);
                int next = i + 1;
                while (next < member.length() && (member.charAt(next) == ' ' || member.charAt(next) == '\t')) {
                    next++;
                }
                char after = next < member.length() ? member.charAt(next) : ';';
                if (before == ';' || before == '=' || after == ';' || after == '=') {
                    i = next - 1;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
