package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct cache-busting URLs, as a crawler or an attacker sends them, against a page cache whose alias
 * has an 8 MB budget: 20,000 pages of 64 KiB (1.3 GB if all were kept). The heap the store holds stays within its
 * budget, every request is answered whole, and the newest pages are hits.
 */
class PageBudgetTest {
    private static final int PAGES = 20_000;
    private static final long BUDGET = 8L << 20;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("budget").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void aFloodOfDistinctUrlsStaysWithinTheAliasBudget() throws Exception {
        server.get("/binary/warm-up");
        long before = heapUsedAfterGc();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < PAGES; i = next.getAndIncrement()) {
                    String path = "/binary/page?bust=" + i;
                    HttpResponse<byte[]> response = server.sendForBytes(server.request(path).GET().build());
                    if (response.statusCode() != 200 || response.body().length != BinaryPageServlet.SIZE) {
                        wrong.add(path + ": " + response.statusCode() + ", " + response.body().length + " bytes");
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        assertTrue(wrong.isEmpty(), wrong.size() + " requests not answered whole, e.g. " + wrong.peek());

        long grown = heapUsedAfterGc() - before;
        // the budget plus room for what the container and the JIT allocate meanwhile; keeping every page would be
        // 1.3 GB, and the former 10,000-entry bound 640 MB
        assertTrue(grown < BUDGET + (48L << 20), "the heap grew by " + (grown >> 20) + " MB");

        for (int i = PAGES - 5; i < PAGES; i++) {
            String path = "/binary/page?bust=" + i;
            HttpResponse<byte[]> hit = server.sendForBytes(server.request(path).GET().build());
            assertEquals("HIT", hit.headers().firstValue("X-Cache").orElse(null), path);
            assertArrayEquals(BinaryPageServlet.body(path), hit.body());
        }
        HttpResponse<byte[]> oldest = server.sendForBytes(server.request("/binary/page?bust=0").GET().build());
        assertEquals("MISS", oldest.headers().firstValue("X-Cache").orElse(null), "the oldest page was evicted");
    }
}
