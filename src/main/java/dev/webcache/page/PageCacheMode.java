package dev.webcache.page;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the page cache decides what to store. The store policy takes the mode as a parameter, so every mode shares
 * one engine and one policy.
 */
public enum PageCacheMode {
    /**
     * Django's semantics, with its bugs fixed: the application is the origin, so a response without explicit
     * freshness is stored for the configured timeout and gets {@code Expires} and {@code Cache-Control: max-age}.
     */
    ORIGIN,
    /**
     * A strict RFC 9111 shared cache in front of whatever the chain produces (the application, or a reverse-proxy
     * servlet): stores only what the response's own headers allow, for the freshness they declare, never rewrites a
     * header, sends {@code Age}, revalidates stale entries with conditional requests and honours request directives.
     */
    SHARED;

    /** The name used in configuration ({@code origin}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named {@code value} in configuration.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static PageCacheMode fromConfig(String value) {
        for (PageCacheMode mode : values()) {
            if (mode.configName().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not allowed; allowed values: " + allowedValues());
    }

    /** The configuration names of every mode, comma-separated. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(PageCacheMode::configName).collect(Collectors.joining(", "));
    }
}
