package dev.webcache.benchmarks;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;

/**
 * The heap a stored page holds besides its body: the bench application's {@code /hit/<size>} pages (HTML, so kept
 * gzip-compressed), stored through {@code CacheFilter} by requests over Jetty's in-memory {@code LocalConnector},
 * and the heap used after a full GC measured before and after. Reported per page, less the body bytes as stored
 * (the page cache's {@code bytesStored}): once as stored (what a gzip client reads), and again after one hit of an
 * identity client per page (which keeps the decompressed copy next to the compressed one, whose bytes are then
 * reported apart).
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.webcache.benchmarks.PageMemoryProbe}
 */
public final class PageMemoryProbe {
    private PageMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler application = HttpBenchServer.application(server);
        server.setHandler(application);
        server.start();
        try {
            LocalConnector.LocalEndPoint endpoint = connector.connect();
            PageCache pages = PageCache.from(application.getServletContext());
            // both sizes' pages stay within the default budget of 64 MB (a 64 KiB page weighs both its encodings)
            measure(endpoint, pages, "2k", 2048, 8000);
            pages.clear();
            measure(endpoint, pages, "64k", 65536, 500);
        } finally {
            server.stop();
        }
    }

    private static void measure(LocalConnector.LocalEndPoint endpoint, PageCache pages, String size, int bodyBytes,
                                int count) throws Exception {
        for (int i = 0; i < 100; i++) {
            get(endpoint, "/hit/" + size + "/warm-" + i);
            get(endpoint, "/hit/" + size + "/warm-" + i);
        }
        long before = usedHeapAfterGc();
        PageCacheStatistics start = pages.statistics();
        for (int i = 0; i < count; i++) {
            get(endpoint, "/hit/" + size + "/page-" + i);
        }
        long stored = usedHeapAfterGc();
        PageCacheStatistics end = pages.statistics();
        long stores = end.stores() - start.stores();
        long storedBytes = end.bytesStored() - start.bytesStored();
        if (stores != count) {
            throw new IllegalStateException(count + " pages requested, " + stores + " stored");
        }
        for (int i = 0; i < count; i++) {
            get(endpoint, "/hit/" + size + "/page-" + i);
        }
        long hits = pages.statistics().hits() - end.hits();
        if (hits != count) {
            throw new IllegalStateException(count + " pages read again, " + hits + " hits");
        }
        long withIdentityCopies = usedHeapAfterGc();
        double compressed = (double) storedBytes / count;
        double asStored = (double) (stored - before) / count;
        double afterIdentityHit = (double) (withIdentityCopies - before) / count;
        System.out.printf("%s pages (%d of them, %d-byte body, %.0f bytes gzip-compressed as stored):%n", size, count,
                bodyBytes, compressed);
        System.out.printf("  as stored (gzip clients):          %8.0f bytes per page, %6.0f beyond its stored body%n",
                asStored, asStored - compressed);
        System.out.printf("  after an identity client's hit:    %8.0f bytes per page, %6.0f beyond both bodies"
                + " (%.0f beyond the %d-byte body)%n", afterIdentityHit, afterIdentityHit - compressed - bodyBytes,
                afterIdentityHit - bodyBytes, bodyBytes);
    }

    private static void get(LocalConnector.LocalEndPoint endpoint, String path) throws Exception {
        endpoint.addInputAndExecute(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        if (endpoint.waitForResponse(false, 10, TimeUnit.SECONDS) == null) {
            throw new IllegalStateException("no response from " + path);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
