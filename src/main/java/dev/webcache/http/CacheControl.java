package dev.webcache.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed {@code Cache-Control} header (RFC 9111 section 5.2): the request and response directives as typed
 * accessors, extension directives kept in place, and {@link #merge(CacheControl)}, which is Django's
 * {@code patch_cache_control} with its bugs fixed.
 *
 * <p>Parsing never throws. Directive names are lowercased; a directive whose name is not a token or whose value holds
 * a control character is dropped; quoted values may contain commas. A directive that appears twice counts once: its
 * first value wins (RFC 9111 section 4.2.1), except {@code no-cache} and {@code private}, whose field names
 * accumulate and whose bare form absorbs the field names (it is the stricter one; a field list with no valid field
 * name counts as bare). A number that is not {@code delta-seconds} reads as absent; one too large to represent reads
 * as 2<sup>31</sup> (RFC 9111 section 1.2.2).
 *
 * <p>{@link #toString()} is the header value: directives in order, {@code name} or {@code name=value}, values as a
 * token when they are one and as a quoted-string otherwise; field lists of {@code no-cache} and {@code private} are
 * always quoted, as RFC 9111 section 5.2.2.4 asks of senders.
 */
public final class CacheControl {
    /** What an over-large {@code delta-seconds} reads as (RFC 9111 section 1.2.2). */
    public static final long MAX_DELTA_SECONDS = 2147483648L;
    /** No directives: what an absent or empty header parses to. */
    public static final CacheControl EMPTY = new CacheControl(List.of());

    private static final Set<String> FIELD_LIST_DIRECTIVES = Set.of("no-cache", "private");
    private static final Set<String> MIN_WINS_DIRECTIVES = Set.of("max-age", "s-maxage");

    private final List<Directive> directives;
    private final Map<String, Directive> byName;

    private CacheControl(List<Directive> directives) {
        this.directives = List.copyOf(directives);
        Map<String, Directive> index = new LinkedHashMap<>();
        for (Directive directive : this.directives) {
            index.put(directive.name(), directive);
        }
        this.byName = Collections.unmodifiableMap(index);
    }

    /** One directive: a lowercase name and its unquoted value, {@code null} for a bare directive. */
    public record Directive(String name, String value) {
        public Directive {
            Objects.requireNonNull(name, "name");
        }

        /** The directive as it appears in a header. */
        @Override
        public String toString() {
            if (value == null) {
                return name;
            }
            return name + "=" + (FIELD_LIST_DIRECTIVES.contains(name) ? HeaderSyntax.quote(value)
                    : HeaderSyntax.tokenOrQuoted(value));
        }
    }

    /** Parses one header value; {@code null} or blank gives {@link #EMPTY}. Never throws. */
    public static CacheControl parse(String header) {
        if (header == null || header.isBlank()) {
            return EMPTY;
        }
        Accumulator directives = new Accumulator();
        int n = header.length();
        int i = 0;
        while (i < n) {
            int nameStart = i;
            while (i < n && header.charAt(i) != ',' && header.charAt(i) != '=') {
                i++;
            }
            String name = header.substring(nameStart, i).strip();
            String value = null;
            boolean wellFormed = true;
            if (i < n && header.charAt(i) == '=') {
                i++;
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && header.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        if (header.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        quoted.append(header.charAt(i++));
                    }
                    i = Math.min(i + 1, n);
                    int restStart = i;
                    while (i < n && header.charAt(i) != ',') {
                        i++;
                    }
                    wellFormed = header.substring(restStart, i).isBlank();
                    value = quoted.toString();
                } else {
                    int valueStart = i;
                    while (i < n && header.charAt(i) != ',') {
                        i++;
                    }
                    value = header.substring(valueStart, i).strip();
                }
            }
            i++;
            if (wellFormed && HeaderSyntax.isToken(name) && (value == null || HeaderSyntax.isQuotable(value))) {
                directives.addFirstWins(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return directives.build();
    }

    /** Parses several header lines of one response or request as one list (RFC 9110 section 5.3). */
    public static CacheControl parse(Iterable<String> headerLines) {
        return parse(HeaderSyntax.join(headerLines));
    }

    /** A builder for a new value, typically the patch to {@link #merge} into a response's header. */
    public static Builder builder() {
        return new Builder();
    }

    /** The directives in header order, one per name. */
    public List<Directive> directives() {
        return directives;
    }

    public boolean isEmpty() {
        return directives.isEmpty();
    }

    /** Whether the directive is present (name compared case-insensitively), with or without a value. */
    public boolean has(String name) {
        return name != null && byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The directive's unquoted value; empty when absent or bare. */
    public Optional<String> value(String name) {
        Directive directive = name == null ? null : byName.get(name.toLowerCase(Locale.ROOT));
        return directive == null ? Optional.empty() : Optional.ofNullable(directive.value());
    }

    /** {@code max-age} in seconds (request and response); empty when absent or not a number. */
    public OptionalLong maxAge() {
        return seconds("max-age");
    }

    /** {@code s-maxage} in seconds (response, shared caches only). */
    public OptionalLong sMaxAge() {
        return seconds("s-maxage");
    }

    /** {@code no-cache} in any form: bare, or with field names (response). */
    public boolean noCache() {
        return byName.containsKey("no-cache");
    }

    /** The field names of a qualified {@code no-cache}; empty for a bare one or none. */
    public List<String> noCacheFields() {
        return fields("no-cache");
    }

    public boolean noStore() {
        return byName.containsKey("no-store");
    }

    public boolean noTransform() {
        return byName.containsKey("no-transform");
    }

    /** {@code private} in any form: bare, or with field names. */
    public boolean isPrivate() {
        return byName.containsKey("private");
    }

    /** The field names of a qualified {@code private}; empty for a bare one or none. */
    public List<String> privateFields() {
        return fields("private");
    }

    public boolean isPublic() {
        return byName.containsKey("public");
    }

    public boolean mustRevalidate() {
        return byName.containsKey("must-revalidate");
    }

    public boolean proxyRevalidate() {
        return byName.containsKey("proxy-revalidate");
    }

    public boolean mustUnderstand() {
        return byName.containsKey("must-understand");
    }

    /** {@code immutable} (RFC 8246). */
    public boolean immutable() {
        return byName.containsKey("immutable");
    }

    /** {@code stale-while-revalidate} in seconds (RFC 5861). */
    public OptionalLong staleWhileRevalidate() {
        return seconds("stale-while-revalidate");
    }

    /** {@code stale-if-error} in seconds (RFC 5861; request and response). */
    public OptionalLong staleIfError() {
        return seconds("stale-if-error");
    }

    /**
     * {@code max-stale} in seconds (request); a bare {@code max-stale}, which accepts any staleness, reads as
     * {@link Long#MAX_VALUE}.
     */
    public OptionalLong maxStale() {
        Directive directive = byName.get("max-stale");
        if (directive != null && directive.value() == null) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
        return seconds("max-stale");
    }

    /** {@code min-fresh} in seconds (request). */
    public OptionalLong minFresh() {
        return seconds("min-fresh");
    }

    /** {@code only-if-cached} (request). */
    public boolean onlyIfCached() {
        return byName.containsKey("only-if-cached");
    }

    /**
     * This header with {@code patch} merged in: Django's {@code patch_cache_control}, where this value is the
     * response's header and {@code patch} the keyword arguments, with these rules.
     * <ul>
     * <li>Existing directives keep their place; a patched one keeps its place with the new value; new ones are
     * appended in the patch's order.</li>
     * <li>{@code max-age} and {@code s-maxage}: when both sides have a valid number, the lower wins. An existing
     * value that is not a number is replaced (Django raised {@code ValueError}).</li>
     * <li>{@code public} in the patch removes an existing {@code private} and {@code private} removes an existing
     * {@code public}. A patch holding both keeps only {@code private}, the safe reading (Django emitted both).</li>
     * <li>{@code no-cache} (and {@code private}) field names accumulate; a bare one replaces them all and absorbs
     * later field names.</li>
     * </ul>
     */
    public CacheControl merge(CacheControl patch) {
        if (patch.isEmpty()) {
            return this;
        }
        Accumulator merged = new Accumulator();
        directives.forEach(d -> merged.addFirstWins(d.name(), d.value()));
        boolean patchPrivate = patch.isPrivate();
        if (patchPrivate) {
            merged.remove("public");
        } else if (patch.isPublic()) {
            merged.remove("private");
        }
        for (Directive directive : patch.directives) {
            String name = directive.name();
            if (name.equals("public") && patchPrivate) {
                continue;
            }
            String value = directive.value();
            if (MIN_WINS_DIRECTIVES.contains(name)) {
                OptionalLong existing = seconds(name);
                OptionalLong patched = patch.seconds(name);
                if (existing.isPresent() && patched.isPresent() && existing.getAsLong() < patched.getAsLong()) {
                    value = byName.get(name).value();
                }
            }
            merged.put(name, value);
        }
        return merged.build();
    }

    private OptionalLong seconds(String name) {
        Directive directive = byName.get(name);
        return directive == null ? OptionalLong.empty() : parseDeltaSeconds(directive.value());
    }

    /** {@code delta-seconds} (RFC 9111 section 1.2.2), or empty when the value is absent or not digits. */
    static OptionalLong parseDeltaSeconds(String value) {
        if (value == null || value.isEmpty()) {
            return OptionalLong.empty();
        }
        long seconds = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            seconds = Math.min(seconds * 10 + (c - '0'), MAX_DELTA_SECONDS);
        }
        return OptionalLong.of(seconds);
    }

    private List<String> fields(String name) {
        Directive directive = byName.get(name);
        if (directive == null || directive.value() == null) {
            return List.of();
        }
        return HeaderSyntax.splitList(directive.value());
    }

    /** The header value; empty for no directives. */
    @Override
    public String toString() {
        StringBuilder header = new StringBuilder();
        for (Directive directive : directives) {
            if (header.length() > 0) {
                header.append(", ");
            }
            header.append(directive);
        }
        return header.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheControl that && directives.equals(that.directives);
    }

    @Override
    public int hashCode() {
        return directives.hashCode();
    }

    /**
     * Builds a {@link CacheControl} in call order. Calling a method again replaces that directive's value in place
     * (field names of {@code no-cache} and {@code private} accumulate). Seconds must not be negative; names must be
     * tokens and values free of control characters.
     */
    public static final class Builder {
        private final Accumulator directives = new Accumulator();

        private Builder() {
        }

        public Builder maxAge(long seconds) {
            return seconds("max-age", seconds);
        }

        public Builder sMaxAge(long seconds) {
            return seconds("s-maxage", seconds);
        }

        /** A bare {@code no-cache}. */
        public Builder noCache() {
            return directive("no-cache");
        }

        /** {@code no-cache="field, ..."} (response): only these header fields need revalidation. */
        public Builder noCache(String... fieldNames) {
            return fieldList("no-cache", fieldNames);
        }

        public Builder noStore() {
            return directive("no-store");
        }

        public Builder noTransform() {
            return directive("no-transform");
        }

        public Builder mustRevalidate() {
            return directive("must-revalidate");
        }

        public Builder proxyRevalidate() {
            return directive("proxy-revalidate");
        }

        public Builder mustUnderstand() {
            return directive("must-understand");
        }

        /** A bare {@code private}. */
        public Builder cachePrivate() {
            return directive("private");
        }

        /** {@code private="field, ..."}: only these header fields are private. */
        public Builder cachePrivate(String... fieldNames) {
            return fieldList("private", fieldNames);
        }

        public Builder cachePublic() {
            return directive("public");
        }

        public Builder immutable() {
            return directive("immutable");
        }

        public Builder staleWhileRevalidate(long seconds) {
            return seconds("stale-while-revalidate", seconds);
        }

        public Builder staleIfError(long seconds) {
            return seconds("stale-if-error", seconds);
        }

        /** A bare {@code max-stale} (request): any staleness is acceptable. */
        public Builder maxStale() {
            return directive("max-stale");
        }

        public Builder maxStale(long seconds) {
            return seconds("max-stale", seconds);
        }

        public Builder minFresh(long seconds) {
            return seconds("min-fresh", seconds);
        }

        public Builder onlyIfCached() {
            return directive("only-if-cached");
        }

        /** A bare directive, e.g. an extension. */
        public Builder directive(String name) {
            return directive(name, null);
        }

        /** A directive with a value ({@code null} for a bare one), e.g. an extension. */
        public Builder directive(String name, String value) {
            if (!HeaderSyntax.isToken(name)) {
                throw new IllegalArgumentException("not a Cache-Control directive name: '" + name + "'");
            }
            if (value != null && !HeaderSyntax.isQuotable(value)) {
                throw new IllegalArgumentException("Cache-Control directive " + name
                        + " has a value with control characters");
            }
            directives.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        private Builder seconds(String name, long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + seconds);
            }
            return directive(name, Long.toString(seconds));
        }

        private Builder fieldList(String name, String... fieldNames) {
            if (fieldNames.length == 0) {
                throw new IllegalArgumentException(name + " needs at least one field name");
            }
            for (String field : fieldNames) {
                if (!HeaderSyntax.isToken(field)) {
                    throw new IllegalArgumentException("not a header field name: '" + field + "'");
                }
            }
            return directive(name, String.join(", ", fieldNames));
        }

        public CacheControl build() {
            return directives.build();
        }
    }

    /**
     * Directives by name in first-seen order. Field-list directives ({@code no-cache}, {@code private}) keep a set of
     * field names, case-insensitively unique, with {@code null} meaning the bare form, which absorbs field names.
     */
    private static final class Accumulator {
        private static final Object BARE = new Object();
        private final Map<String, Object> values = new LinkedHashMap<>();

        void addFirstWins(String name, String value) {
            if (FIELD_LIST_DIRECTIVES.contains(name)) {
                addFields(name, value);
            } else {
                values.putIfAbsent(name, value == null ? BARE : value);
            }
        }

        void put(String name, String value) {
            if (FIELD_LIST_DIRECTIVES.contains(name)) {
                addFields(name, value);
            } else {
                values.put(name, value == null ? BARE : value);
            }
        }

        void remove(String name) {
            values.remove(name);
        }

        private void addFields(String name, String value) {
            Object current = values.get(name);
            if (current == BARE) {
                return;
            }
            List<String> fields = value == null ? List.of() : HeaderSyntax.splitList(value).stream()
                    .filter(HeaderSyntax::isToken).toList();
            if (fields.isEmpty()) {
                // a bare (or emptied) field list is the strict form: the whole response is concerned
                values.put(name, BARE);
                return;
            }
            @SuppressWarnings("unchecked")
            Set<String> known = current == null ? new LinkedHashSet<>() : (Set<String>) current;
            Set<String> lowercase = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            lowercase.addAll(known);
            for (String field : fields) {
                if (lowercase.add(field)) {
                    known.add(field);
                }
            }
            values.put(name, known);
        }

        CacheControl build() {
            List<Directive> directives = new ArrayList<>(values.size());
            values.forEach((name, value) -> {
                if (value == BARE) {
                    directives.add(new Directive(name, null));
                } else if (value instanceof Set<?> fields) {
                    directives.add(new Directive(name, String.join(", ", fields.stream().map(String::valueOf)
                            .toList())));
                } else {
                    directives.add(new Directive(name, (String) value));
                }
            });
            return directives.isEmpty() ? EMPTY : new CacheControl(directives);
        }
    }
}
