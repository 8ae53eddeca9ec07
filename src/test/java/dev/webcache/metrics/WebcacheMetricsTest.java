package dev.webcache.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.CacheStatistics;
import dev.webcache.cache.Caches;
import dev.webcache.memo.Memoizer;
import dev.webcache.page.Refusal;
import dev.webcache.testing.TestServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link WebcacheMetrics} bound by a listener of a real web application (context {@code /shop}) to Micrometer's global
 * registry (publishing to a {@link SimpleMeterRegistry}), before its {@code CacheFilter} and its {@code @CachePage} servlet start; HTTP traffic
 * over loopback, then every page meter compared with its MBean attribute and every alias meter with the cache's
 * statistics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebcacheMetricsTest {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    /** Where the global registry (the listener's) publishes. */
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Metrics.addRegistry(REGISTRY);
        server = TestServer.webapp("metrics").customize(context -> context.setContextPath("/shop")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Metrics.removeRegistry(REGISTRY);
    }

    @Test
    @Order(1)
    void pageMetersEqualTheMBeanAttributesAfterHttpTraffic() throws Exception {
        CacheStatistics alias = Caches.from(server.context().getServletContext()).getDefault().statistics();
        long gets = alias.gets();
        HttpResponse<String> miss = server.get("/shop/page/a");
        assertEquals("MISS", miss.headers().firstValue("X-Cache").orElseThrow());
        server.get("/shop/page/a");
        String etag = miss.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/shop/page/a", "If-None-Match", etag).statusCode());
        server.get("/shop/page/cookie?setcookie=s");
        server.get("/shop/page/private?cc=private");
        server.get("/shop/page/error?status=500");
        server.send(server.request("/shop/page/a").POST(HttpRequest.BodyPublishers.ofString("x")).build());
        server.get("/shop/cached/x");
        assertTrue(server.get("/shop/cached/x").body().contains("render=1"));

        Map<String, Long> pages = meters("pages");
        assertEquals(attributes("pages"), pages);
        assertEquals(2, pages.get("hit"));
        assertEquals(1, pages.get("not.modified"));
        assertEquals(4, pages.get("miss"));
        assertEquals(1, pages.get("bypass"));
        assertEquals(1, pages.get("stores"));
        assertEquals(miss.body().getBytes(StandardCharsets.UTF_8).length, pages.get("stored"));
        assertEquals(1, pages.get(Refusal.SETS_COOKIE.name()));
        assertEquals(1, pages.get(Refusal.PRIVATE.name()));
        assertEquals(1, pages.get(Refusal.STATUS.name()));

        long lookUps = pages.get("hit") + pages.get("miss");
        assertTrue(alias.gets() - gets >= lookUps, "each page look-up reads the cache: " + (alias.gets() - gets));

        Map<String, Long> annotated = meters("annotated");
        assertEquals(attributes("annotated"), annotated);
        assertEquals(1, annotated.get("hit"));
        assertEquals(1, annotated.get("miss"));
        assertEquals(1, annotated.get("stores"));
    }

    @Test
    @Order(2)
    void aliasMetersFollowTheLowLevelApiAndTheMemoizer() {
        Cache cache = Caches.from(server.context().getServletContext()).getDefault();
        CacheStatistics statistics = cache.statistics();
        long hits = statistics.hits();
        long misses = statistics.misses();
        long puts = statistics.puts();
        cache.get("metrics:absent");
        cache.set("metrics:k", "v");
        cache.get("metrics:k");
        assertEquals("computed", cache.getOrSet("metrics:g", () -> "computed"));
        cache.getMany(List.of("metrics:k", "metrics:g", "metrics:absent"));
        assertEquals(hits + 3, statistics.hits());
        assertEquals(misses + 3, statistics.misses());
        assertEquals(puts + 2, statistics.puts());

        Memoizer memoizer = Memoizer.of(cache);
        assertEquals(42, (int) memoizer.memoize("metrics:memo", () -> 42));
        assertEquals(42, (int) memoizer.memoize("metrics:memo", () -> 43));
        for (int pass = 0; pass < 2; pass++) {
            List<Integer> items = new ArrayList<>();
            memoizer.<Integer>memoizeIter("metrics:iter", () -> List.of(1, 2).iterator()).forEachRemaining(items::add);
            assertEquals(List.of(1, 2), items);
        }
        assertEquals(2, statistics.memoComputations(), "one memoize and one memoizeIter computed");

        Tags alias = Tags.of("cache", "default");
        assertEquals(statistics.hits(), count("cache.gets", alias.and("result", "hit")));
        assertEquals(statistics.misses(), count("cache.gets", alias.and("result", "miss")));
        assertEquals(statistics.puts(), count("cache.puts", alias));
        assertEquals(2, count("webcache.memo.computations", alias));
        long entries = statistics.entries().orElseThrow();
        assertTrue(entries >= 4, "entries " + entries);
        assertEquals(entries, REGISTRY.get("cache.size").tags(alias).gauge().value());
        assertEquals(statistics.bytes().orElseThrow(),
                REGISTRY.get("webcache.cache.memory").tags(alias).gauge().value());
    }

    @Test
    @Order(3)
    void aRegistryOutsideAWebAppGetsItsAliases() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.sessions.backend", "ehcache");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Caches caches = Caches.fromProperties(properties);
             WebcacheMetrics metrics = new WebcacheMetrics(caches, Tags.of("app", "batch"))) {
            metrics.bindTo(registry);
            caches.get("sessions").set("s", 1);
            caches.get("sessions").get("s");
            assertEquals(1.0, registry.get("cache.gets").tags("app", "batch", "cache", "sessions", "result", "hit")
                    .functionCounter().count());
            assertEquals(1.0, registry.get("cache.size").tags("cache", "sessions").gauge().value());
            assertTrue(registry.find("webcache.page.requests").meters().isEmpty());
            metrics.close();
            assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
        }
    }

    @Test
    @Order(4)
    void stoppingTheApplicationRemovesItsMeters() throws Exception {
        assertTrue(!REGISTRY.find("webcache.page.requests").tags("name", "pages").meters().isEmpty());
        server.stopContext();
        assertTrue(Metrics.globalRegistry.getMeters().isEmpty(), Metrics.globalRegistry.getMeters().toString());
        List<Meter> left = REGISTRY.getMeters();
        assertTrue(left.isEmpty(), left.toString());
    }

    /** The meters of one page-cache configuration of {@code /shop}, by result, meter name suffix or reason. */
    private static Map<String, Long> meters(String name) {
        Map<String, Long> values = new HashMap<>();
        for (Meter meter : REGISTRY.find("webcache.page.requests").tags("context", "/shop", "name", name).meters()) {
            values.put(meter.getId().getTag("result"), (long) ((FunctionCounter) meter).count());
        }
        for (String suffix : List.of("not.modified", "coalesced.waits", "stores", "stored")) {
            values.put(suffix, (long) REGISTRY.get("webcache.page." + suffix).tags("context", "/shop", "name", name)
                    .functionCounter().count());
        }
        for (Meter meter : REGISTRY.find("webcache.page.refusals").tags("context", "/shop", "name", name).meters()) {
            values.put(meter.getId().getTag("reason"), (long) ((FunctionCounter) meter).count());
        }
        return values;
    }

    /** The same figures read from the configuration's MBean. */
    private static Map<String, Long> attributes(String name) throws Exception {
        ObjectName mbean = new ObjectName("dev.webcache:type=PageCache,context=\"/shop\",name="
                + ObjectName.quote(name));
        Map<String, Long> values = new HashMap<>();
        values.put("hit", (Long) JMX.getAttribute(mbean, "Hits"));
        values.put("stale", (Long) JMX.getAttribute(mbean, "StaleServed"));
        values.put("miss", (Long) JMX.getAttribute(mbean, "Misses"));
        values.put("bypass", (Long) JMX.getAttribute(mbean, "Bypasses"));
        values.put("not.modified", (Long) JMX.getAttribute(mbean, "NotModified"));
        values.put("coalesced.waits", (Long) JMX.getAttribute(mbean, "CoalescedWaits"));
        values.put("stores", (Long) JMX.getAttribute(mbean, "Stores"));
        values.put("stored", (Long) JMX.getAttribute(mbean, "BytesStored"));
        TabularData refusals = (TabularData) JMX.getAttribute(mbean, "Refusals");
        for (Object row : refusals.values()) {
            CompositeData reason = (CompositeData) row;
            values.put((String) reason.get("key"), (Long) reason.get("value"));
        }
        assertEquals(Refusal.values().length, refusals.size());
        return values;
    }

    private static long count(String name, Tags tags) {
        return (long) REGISTRY.get(name).tags(tags).functionCounter().count();
    }
}
