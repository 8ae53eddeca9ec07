package dev.webcache.http;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one byte range a cache answers from a stored representation (RFC 9110 section 14): {@link #select} reads a
 * {@code Range} header against the representation's length. Only a single {@code bytes} range is answered with a
 * part; a header this class does not answer (another unit, several ranges, bad syntax) is ignored, which RFC 9110
 * allows: the whole representation is sent.
 *
 * @param first the first byte's offset
 * @param last  the last byte's offset (inclusive)
 */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    /** What a {@code Range} header asks of a representation. */
    public enum Outcome {
        /** No range to answer: send the whole representation. */
        WHOLE,
        /** One satisfiable range: send it (206). */
        PART,
        /** A range that no byte of the representation satisfies (416). */
        UNSATISFIABLE
    }

    /**
     * What a request gets.
     *
     * @param outcome what to send
     * @param range   the range for {@link Outcome#PART}, else {@code null}
     */
    public record Selection(Outcome outcome, ByteRange range) {
        static final Selection WHOLE = new Selection(Outcome.WHOLE, null);
        static final Selection UNSATISFIABLE = new Selection(Outcome.UNSATISFIABLE, null);
    }

    /** The number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of this range of a representation of {@code completeLength} bytes. */
    public String contentRange(long completeLength) {
        return "bytes " + first + "-" + last + "/" + completeLength;
    }

    /** The {@code Content-Range} value of a 416 for a representation of {@code completeLength} bytes. */
    public static String unsatisfied(long completeLength) {
        return "bytes */" + completeLength;
    }

    /**
     * Reads {@code rangeHeader} ({@code null} when absent) against a representation of {@code length} bytes:
     * {@code first-last} (the last clipped to the end), {@code first-} or the suffix {@code -count}.
     */
    public static Selection select(String rangeHeader, long length) {
        if (rangeHeader == null) {
            return Selection.WHOLE;
        }
        int equals = rangeHeader.indexOf('=');
        if (equals < 0 || !rangeHeader.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return Selection.WHOLE;
        }
        String spec = rangeHeader.substring(equals + 1).strip();
        if (spec.indexOf(',') >= 0) {
            return Selection.WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Selection.WHOLE;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) {
            long suffix = digits(to);
            if (suffix < 0) {
                return Selection.WHOLE;
            }
            return suffix == 0 || length == 0 ? Selection.UNSATISFIABLE
                    : new Selection(Outcome.PART, new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        long first = digits(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
        if (first < 0 || last < 0 || last < first) {
            return Selection.WHOLE;
        }
        return first >= length ? Selection.UNSATISFIABLE
                : new Selection(Outcome.PART, new ByteRange(first, Math.min(last, length - 1)));
    }

    /**
     * Whether an {@code If-Range} lets the range apply to the stored representation (RFC 9110 section 13.1.5): an
     * entity tag that strongly matches a strong stored {@code ETag}, or a date equal to a strong
     * {@code Last-Modified} (one at least a second before the response's {@code Date}). An absent
     * {@code If-Range} ({@code null}) always lets it apply.
     */
    public static boolean ifRangeMatches(String ifRange, EntityTag etag, Instant lastModified, String dateHeader) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            Optional<EntityTag> tag = EntityTag.parse(value);
            return tag.isPresent() && etag != null && tag.get().strongMatches(etag);
        }
        Optional<Instant> date = HttpDates.parse(value);
        if (date.isEmpty() || lastModified == null || !date.get().equals(lastModified)) {
            return false;
        }
        Optional<Instant> responseDate = HttpDates.parse(dateHeader);
        return responseDate.isPresent() && !responseDate.get().isBefore(lastModified.plusSeconds(1));
    }

    /** A non-negative decimal number, saturating at {@code Long.MAX_VALUE}; -1 when not all digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }
}
