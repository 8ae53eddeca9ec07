package dev.webcache.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A {@code Vary} list (RFC 9110 section 12.5.5): header field names in order, each once (compared
 * case-insensitively, the first spelling kept), or the wildcard {@code *}, which absorbs every name.
 * {@link #plus(Collection)} is Django's {@code patch_vary_headers}, fixed: new names are de-duplicated among
 * themselves too, and an empty list never becomes a header with a leading comma. Parsing never throws; elements that
 * are not field names are dropped.
 */
public final class VaryHeaders {
    /** The empty list: no {@code Vary} header. */
    public static final VaryHeaders NONE = new VaryHeaders(List.of());
    /** {@code Vary: *}. */
    public static final VaryHeaders WILDCARD = new VaryHeaders(List.of("*"));

    private final List<String> names;

    private VaryHeaders(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Parses one header value; {@code null} or blank gives {@link #NONE}. */
    public static VaryHeaders parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        return NONE.add(HeaderSyntax.splitList(header), false);
    }

    /** Parses several header lines as one list. */
    public static VaryHeaders parse(Iterable<String> headerLines) {
        return parse(HeaderSyntax.join(headerLines));
    }

    /** A list of the given names. */
    public static VaryHeaders of(String... names) {
        return NONE.plus(List.of(names));
    }

    /**
     * This list with {@code newNames} appended, skipping names already present in any case; {@code *} anywhere
     * gives {@link #WILDCARD}.
     *
     * @throws IllegalArgumentException when a new name is not a header field name (a token)
     */
    public VaryHeaders plus(Collection<String> newNames) {
        return add(newNames, true);
    }

    /** This list with the other list's names appended. */
    public VaryHeaders plus(VaryHeaders other) {
        return add(other.names, true);
    }

    private VaryHeaders add(Collection<String> newNames, boolean strict) {
        if (isWildcard()) {
            return this;
        }
        List<String> combined = new ArrayList<>(names);
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        seen.addAll(names);
        for (String name : newNames) {
            if (!HeaderSyntax.isToken(name)) {
                if (strict) {
                    throw new IllegalArgumentException("not a header field name: '" + name + "'");
                }
                continue;
            }
            if (name.equals("*")) {
                return WILDCARD;
            }
            if (seen.add(name)) {
                combined.add(name);
            }
        }
        return combined.size() == names.size() ? this : new VaryHeaders(combined);
    }

    /** The names in order ({@code ["*"]} for the wildcard). */
    public List<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public boolean isWildcard() {
        return names.size() == 1 && names.get(0).equals("*");
    }

    /**
     * Django's {@code has_vary_header}: whether the list names this header, case-insensitively. The wildcard list
     * contains only {@code *}.
     */
    public boolean contains(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lower));
    }

    /** The header value: names joined by {@code ", "}; empty for {@link #NONE}. */
    @Override
    public String toString() {
        return String.join(", ", names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaryHeaders that && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}
