package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

/** A bad or unknown init-param fails the deployment with a message naming the parameter and what it allows. */
class FilterConfigurationTest {

    @Test
    void anUnknownModeIsRefusedNamingTheAllowedValues() {
        assertStartFails(UpdateCacheFilter.class, Map.of("mode", "proxy"),
                "filter 'pages': init-param mode: 'proxy' is not allowed; allowed values: origin, shared");
    }

    @Test
    void sharedModeIsForTheCombinedFilterAndTakesNoTimeout() {
        assertStartFails(UpdateCacheFilter.class, Map.of("mode", "shared"),
                "filter 'pages': init-param mode: 'shared' is allowed on CacheFilter only");
        assertStartFails(CacheFilter.class, Map.of("mode", "shared", "timeout", "60"),
                "filter 'pages': init-param timeout is not allowed with mode=shared");
        assertStartFails(CacheFilter.class, Map.of("mode", "shared", "stale-if-error", "60"),
                "filter 'pages': init-param stale-if-error is not allowed with mode=shared (origin mode only)");
        assertStartFails(CacheFilter.class, Map.of("heuristic-limit", "60"),
                "filter 'pages': init-param heuristic-limit is allowed only with mode=shared");
        assertStartFails(CacheFilter.class, Map.of("mode", "shared", "heuristic-limit", "soon"),
                "init-param heuristic-limit: 'soon' is not allowed; use a number of seconds from 0 to 31536000 (a"
                        + " year)");
        assertStartFails(CacheFilter.class, Map.of("targeted-cache-control", "CDN-Cache-Control"),
                "filter 'pages': init-param targeted-cache-control is allowed only with mode=shared");
        assertStartFails(CacheFilter.class, Map.of("mode", "shared", "targeted-cache-control", "CDN-Cache-Control,,"),
                "init-param targeted-cache-control: 'CDN-Cache-Control,,' is not allowed; use one or more header"
                        + " field names separated by commas, such as CDN-Cache-Control");
    }

    @Test
    void anUnknownInitParamIsRefused() {
        assertStartFails(CacheFilter.class, Map.of("cache-timeout", "60"),
                "filter 'pages': unknown init-param 'cache-timeout'; allowed: cache, heuristic-limit, key-prefix,"
                        + " lock-timeout, max-entry-size, mode, stale-if-error, stale-while-revalidate,"
                        + " targeted-cache-control, timeout, x-cache-header");
    }

    @Test
    void badNumbersAndUnknownCachesAreRefused() {
        assertStartFails(CacheFilter.class, Map.of("timeout", "-1"),
                "init-param timeout: '-1' is not allowed; use a number of seconds from 0 to 31536000 (a year)");
        assertStartFails(CacheFilter.class, Map.of("timeout", "31536001"),
                "init-param timeout: '31536001' is not allowed; use a number of seconds from 0 to 31536000");
        assertStartFails(CacheFilter.class, Map.of("lock-timeout", "86400"),
                "filter 'pages': init-param lock-timeout: '86400' is not allowed; use a number of seconds from 0 to"
                        + " 300 (0 turns coalescing off)");
        assertStartFails(CacheFilter.class, Map.of("stale-while-revalidate", "99999999999"),
                "init-param stale-while-revalidate: '99999999999' is not allowed; use a number of seconds from 0 to");
        assertStartFails(CacheFilter.class, Map.of("stale-if-error", "40000000"),
                "init-param stale-if-error: '40000000' is not allowed; use a number of seconds from 0 to");
        assertStartFails(FetchFromCacheFilter.class, Map.of("max-entry-size", "0"),
                "init-param max-entry-size: '0' is not allowed; use a number of bytes from 1 to");
        assertStartFails(FetchFromCacheFilter.class, Map.of("max-entry-size", "1MB"),
                "init-param max-entry-size: '1MB' is not allowed; use a number of bytes from 1 to");
        assertStartFails(CacheFilter.class, Map.of("cache", "pages"),
                "init-param cache: no cache named 'pages'; configured caches: default");
    }

    private static void assertStartFails(Class<? extends jakarta.servlet.Filter> filter, Map<String, String> params,
                                         String expected) {
        Exception failure = assertThrows(Exception.class, () -> TestServer.webapp("minimal").customize(context -> {
            FilterHolder holder = new FilterHolder(filter);
            holder.setName("pages");
            holder.setInitParameters(params);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        }).start().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
            for (Throwable suppressed : t.getSuppressed()) {
                messages.append(suppressed.getMessage()).append(" | ");
            }
        }
        assertTrue(messages.toString().contains(expected), messages.toString());
    }
}
