package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The operations page {@code /stats} shows the page caches' counters as their MBeans have them, and the caches. */
class StatsPageTest extends RunningExample {
    private static final String ANNOTATED = "dev.webcache.example.pagecache.AnnotatedPageServlet";

    @Test
    void eachPageCacheConfigurationAndEachAliasHasARowWithItsCounters() throws Exception {
        assertEquals(200, server.get("/page-cache/annotated").statusCode());
        assertEquals(200, server.get("/page-cache/annotated").statusCode());
        server.get("/low-level");

        assertTrue(server.get("/").body().contains("href=\"/stats\""), "the index links the page");
        HttpResponse<String> stats = server.get("/stats");
        assertEquals(200, stats.statusCode(), stats.body());
        String page = stats.body();
        assertTrue(page.contains("<meta http-equiv=\"refresh\" content=\"5\">"), page);
        assertTrue(stats.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                "@NeverCache: " + stats.headers().map());

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        long hits = 0;
        long stores = 0;
        for (String configuration : new String[] {"page-cache-update", "page-cache-fetch", "shared-cache", ANNOTATED}) {
            ObjectName mbean = new ObjectName("dev.webcache:type=PageCache,context=\"/\",name="
                    + ObjectName.quote(configuration));
            for (String[] column : new String[][] {{"hits", "Hits"}, {"not-modified", "NotModified"},
                    {"misses", "Misses"}, {"stale", "StaleServed"}, {"bypasses", "Bypasses"},
                    {"coalesced-waits", "CoalescedWaits"}, {"stores", "Stores"}, {"bytes-stored", "BytesStored"}}) {
                assertEquals(jmx.getAttribute(mbean, column[1]), cell(page, "data-name", configuration, column[0]),
                        configuration + " " + column[1]);
            }
            hits += cell(page, "data-name", configuration, "hits");
            stores += cell(page, "data-name", configuration, "stores");
        }
        assertTrue(hits >= 1 && stores >= 1, "the annotated page was stored and served again: " + page);

        long entries = cell(page, "data-alias", "default", "entries");
        assertTrue(entries >= 2, "the stored page and the visit counter at least: " + entries);
        long gets = cell(page, "data-alias", "default", "gets");
        assertEquals(gets, cell(page, "data-alias", "default", "hits") + cell(page, "data-alias", "default", "misses"));
        assertTrue(gets >= 3, "page look-ups and getOrSet: " + gets);
    }

    /** The number in the cell of class {@code column} of the row whose {@code attribute} is {@code key}. */
    private static long cell(String page, String attribute, String key, String column) {
        Matcher row = Pattern.compile("<tr " + attribute + "=\"" + Pattern.quote(key) + "\">(.*?)</tr>").matcher(page);
        assertTrue(row.find(), key + " in " + page);
        Matcher cell = Pattern.compile("<td class=\"" + column + "\">(\\d+)</td>").matcher(row.group(1));
        assertTrue(cell.find(), column + " of " + key + " in " + row.group(1));
        return Long.parseLong(cell.group(1));
    }
}
