package dev.webcache.cache.spi;

import java.util.Locale;

/**
 * A size in bytes as configuration writes it: a whole number followed by {@code B}, {@code KB}, {@code MB} or
 * {@code GB} (powers of 1024, as Ehcache's and Hazelcast's own units are), or a bare number of bytes. For backend
 * options such as {@code max-bytes = 64MB}.
 */
public final class ByteSize {
    /** What {@link #parse} accepts, for error messages. */
    public static final String ALLOWED = "a whole number of bytes, or of KB, MB or GB (1024-based), e.g. 64MB";

    private ByteSize() {
    }

    /**
     * The number of bytes {@code text} names.
     *
     * @throws IllegalArgumentException if it is not a positive size in one of the allowed forms
     */
    public static long parse(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (value.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                value = value.substring(0, value.length() - suffix[0].length()).strip();
                break;
            }
        }
        try {
            long number = Long.parseLong(value);
            if (number > 0 && number <= Long.MAX_VALUE / unit) {
                return number * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not allowed; use " + ALLOWED);
    }
}
