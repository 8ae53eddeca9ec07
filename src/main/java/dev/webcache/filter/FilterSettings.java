package dev.webcache.filter;

import dev.webcache.cache.Caches;
import dev.webcache.page.PageCacheMode;
import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.engine.PageEngine;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and checks the init-params the three page-cache filters share, and builds their engine. */
final class FilterSettings {
    static final String CACHE = "cache";
    static final String TIMEOUT = "timeout";
    static final String KEY_PREFIX = "key-prefix";
    static final String MAX_ENTRY_SIZE = "max-entry-size";
    static final String MODE = "mode";
    static final String LOCK_TIMEOUT = "lock-timeout";
    static final String STALE_WHILE_REVALIDATE = "stale-while-revalidate";
    static final String STALE_IF_ERROR = "stale-if-error";
    static final String X_CACHE_HEADER = "x-cache-header";
    static final String HEURISTIC_LIMIT = "heuristic-limit";
    static final String TARGETED_CACHE_CONTROL = "targeted-cache-control";
    private static final List<String> ALLOWED = List.of(CACHE, HEURISTIC_LIMIT, KEY_PREFIX, LOCK_TIMEOUT,
            MAX_ENTRY_SIZE, MODE, STALE_IF_ERROR, STALE_WHILE_REVALIDATE, TARGETED_CACHE_CONTROL, TIMEOUT,
            X_CACHE_HEADER);
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private FilterSettings() {
    }

    /**
     * The engine a filter's init-params describe.
     *
     * @param sharedAllowed whether this filter supports {@code mode=shared} (the combined filter only: revalidation
     *                      needs both halves in one place)
     * @throws ServletException naming the filter, the parameter and what it allows, when one is unknown or bad
     */
    static PageEngine engine(FilterConfig config, boolean sharedAllowed) throws ServletException {
        String filter = "filter '" + config.getFilterName() + "': ";
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!ALLOWED.contains(name)) {
                throw new ServletException(filter + "unknown init-param '" + name + "'; allowed: "
                        + String.join(", ", ALLOWED));
            }
        }
        Caches caches;
        try {
            caches = Caches.from(config.getServletContext());
        } catch (IllegalStateException e) {
            throw new ServletException(filter + e.getMessage(), e);
        }
        String alias = value(config, CACHE, Caches.DEFAULT_ALIAS);
        if (!caches.contains(alias)) {
            throw new ServletException(filter + "init-param " + CACHE + ": no cache named '" + alias
                    + "'; configured caches: " + String.join(", ", caches.aliases()));
        }
        long longest = PageCacheSettings.LONGEST_LIFETIME.getSeconds();
        String seconds = "a number of seconds from 0 to " + longest + " (a year)";
        long timeout = number(config, filter, TIMEOUT, PageCacheSettings.DEFAULT_TIMEOUT.getSeconds(), longest,
                seconds);
        long maxEntrySize = number(config, filter, MAX_ENTRY_SIZE, PageCacheSettings.DEFAULT_MAX_ENTRY_SIZE,
                Integer.MAX_VALUE - 8, "a number of bytes from 1 to " + (Integer.MAX_VALUE - 8));
        if (maxEntrySize == 0) {
            throw new ServletException(filter + "init-param " + MAX_ENTRY_SIZE + ": '0' is not allowed; use a"
                    + " number of bytes from 1 to " + (Integer.MAX_VALUE - 8));
        }
        PageCacheMode mode;
        try {
            mode = PageCacheMode.fromConfig(value(config, MODE, PageCacheMode.ORIGIN.configName()));
        } catch (IllegalArgumentException e) {
            throw new ServletException(filter + "init-param " + MODE + ": " + e.getMessage(), e);
        }
        long longestWait = PageCacheSettings.LONGEST_LOCK_TIMEOUT.getSeconds();
        long lockTimeout = number(config, filter, LOCK_TIMEOUT, PageCacheSettings.DEFAULT_LOCK_TIMEOUT.getSeconds(),
                longestWait, "a number of seconds from 0 to " + longestWait + " (0 turns coalescing off)");
        long staleWhileRevalidate = number(config, filter, STALE_WHILE_REVALIDATE, 0, longest, seconds);
        long staleIfError = number(config, filter, STALE_IF_ERROR, 0, longest, seconds);
        long heuristicLimit = number(config, filter, HEURISTIC_LIMIT, mode == PageCacheMode.SHARED
                ? PageCacheSettings.DEFAULT_SHARED_HEURISTIC_LIMIT.getSeconds() : 0, longest, seconds);
        checkModeParams(config, filter, mode, sharedAllowed);
        String cacheStatus = value(config, X_CACHE_HEADER, "false");
        if (!cacheStatus.equals("true") && !cacheStatus.equals("false")) {
            throw new ServletException(filter + "init-param " + X_CACHE_HEADER + ": '" + cacheStatus
                    + "' is not allowed; use true or false");
        }
        PageCacheSettings settings = PageCacheSettings.builder().cacheAlias(alias)
                .keyPrefix(value(config, KEY_PREFIX, "")).defaultTimeout(Duration.ofSeconds(timeout))
                .maxEntrySize(maxEntrySize).mode(mode).lockTimeout(Duration.ofSeconds(lockTimeout))
                .staleWhileRevalidate(Duration.ofSeconds(staleWhileRevalidate))
                .staleIfError(Duration.ofSeconds(staleIfError)).cacheStatusHeader(Boolean.parseBoolean(cacheStatus))
                .heuristicLimit(Duration.ofSeconds(heuristicLimit))
                .targetedFields(fieldNames(config, filter, TARGETED_CACHE_CONTROL,
                        PageCacheSettings.DEFAULT_TARGETED_FIELDS)).build();
        return new PageEngine(config.getServletContext(), settings);
    }

    /** A shared cache never invents a lifetime, and only it may compute a heuristic one. */
    private static void checkModeParams(FilterConfig config, String filter, PageCacheMode mode, boolean sharedAllowed)
            throws ServletException {
        if (mode == PageCacheMode.SHARED) {
            if (!sharedAllowed) {
                throw new ServletException(filter + "init-param " + MODE + ": '" + mode.configName()
                        + "' is allowed on CacheFilter only; use CacheFilter");
            }
            if (config.getInitParameter(TIMEOUT) != null) {
                throw new ServletException(filter + "init-param " + TIMEOUT + " is not allowed with " + MODE + "="
                        + mode.configName() + ": a shared cache stores a response only for the freshness it declares");
            }
            for (String originOnly : List.of(STALE_IF_ERROR, STALE_WHILE_REVALIDATE, X_CACHE_HEADER)) {
                if (config.getInitParameter(originOnly) != null) {
                    throw new ServletException(filter + "init-param " + originOnly + " is not allowed with " + MODE
                            + "=" + mode.configName() + " (origin mode only)");
                }
            }
        } else {
            for (String sharedOnly : List.of(HEURISTIC_LIMIT, TARGETED_CACHE_CONTROL)) {
                if (config.getInitParameter(sharedOnly) != null) {
                    throw new ServletException(filter + "init-param " + sharedOnly + " is allowed only with " + MODE
                            + "=" + PageCacheMode.SHARED.configName());
                }
            }
        }
    }

    /** A comma-separated list of one or more header field names. */
    private static List<String> fieldNames(FilterConfig config, String filter, String name, List<String> defaults)
            throws ServletException {
        String value = config.getInitParameter(name);
        if (value == null) {
            return defaults;
        }
        List<String> names = new ArrayList<>();
        for (String field : value.split(",", -1)) {
            String stripped = field.strip();
            if (!FIELD_NAME.matcher(stripped).matches()) {
                throw new ServletException(filter + "init-param " + name + ": '" + value + "' is not allowed; use"
                        + " one or more header field names separated by commas, such as CDN-Cache-Control");
            }
            names.add(stripped);
        }
        return names;
    }

    private static String value(FilterConfig config, String name, String defaultValue) {
        String value = config.getInitParameter(name);
        return value == null ? defaultValue : value.strip();
    }

    /** A whole number from 0 to {@code max}. */
    private static long number(FilterConfig config, String filter, String name, long defaultValue, long max,
                               String allowed) throws ServletException {
        String value = config.getInitParameter(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with what is allowed
        }
        throw new ServletException(filter + "init-param " + name + ": '" + value + "' is not allowed; use "
                + allowed);
    }
}
