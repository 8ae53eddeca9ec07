package dev.webcache.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity tag (RFC 9110 section 8.8.3): the opaque tag without its quotes, and whether it is weak
 * ({@code W/"..."}). {@link #toString()} is the header form.
 */
public record EntityTag(String opaqueTag, boolean weak) {
    public EntityTag {
        Objects.requireNonNull(opaqueTag, "opaqueTag");
        for (int i = 0; i < opaqueTag.length(); i++) {
            if (!isEtagChar(opaqueTag.charAt(i))) {
                throw new IllegalArgumentException("not an entity tag character at " + i + " in '" + opaqueTag + "'");
            }
        }
    }

    /** A strong tag. */
    public static EntityTag strong(String opaqueTag) {
        return new EntityTag(opaqueTag, false);
    }

    /** A weak tag. */
    public static EntityTag weak(String opaqueTag) {
        return new EntityTag(opaqueTag, true);
    }

    /** Parses one entity tag ({@code "x"} or {@code W/"x"}, surrounding whitespace allowed); empty when malformed. */
    public static Optional<EntityTag> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String tag = value.strip();
        boolean weak = tag.startsWith("W/");
        if (weak) {
            tag = tag.substring(2);
        }
        if (tag.length() < 2 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return Optional.empty();
        }
        String opaque = tag.substring(1, tag.length() - 1);
        for (int i = 0; i < opaque.length(); i++) {
            if (!isEtagChar(opaque.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new EntityTag(opaque, weak));
    }

    /** Parses a list of entity tags (as in {@code If-None-Match}), dropping malformed elements. */
    public static List<EntityTag> parseList(String value) {
        List<EntityTag> tags = new ArrayList<>();
        for (String element : HeaderSyntax.splitList(value)) {
            parse(element).ifPresent(tags::add);
        }
        return tags;
    }

    /** Strong comparison: both strong and the same opaque tag. */
    public boolean strongMatches(EntityTag other) {
        return !weak && !other.weak && opaqueTag.equals(other.opaqueTag);
    }

    /** Weak comparison: the same opaque tag, whether weak or not. */
    public boolean weakMatches(EntityTag other) {
        return opaqueTag.equals(other.opaqueTag);
    }

    private static boolean isEtagChar(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x7e || c >= 0x80 && c <= 0xff;
    }

    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaqueTag + '"';
    }
}
