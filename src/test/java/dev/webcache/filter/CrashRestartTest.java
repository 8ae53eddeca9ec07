package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webcache.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash: the application ({@link TieredApp}, persistent disk tiers) runs in a JVM of its own, stores pages, and is
 * killed with SIGKILL while requests are still coming in, so Ehcache never closes its directory. Meanwhile a second
 * JVM (this one) cannot start on the directory. Started again on it, the application answers every request whole
 * and right: each page is either still there intact or rendered afresh (Ehcache empties a directory that was not
 * closed cleanly), never an error, never another page's body.
 */
class CrashRestartTest {
    private static final int PAGES = 20;
    @TempDir
    Path disk;
    @TempDir
    Path configuration;

    private static String path(int page) {
        return "/page/crash-" + page + "?size=2000";
    }

    private static void assertRightPage(String path, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.body().matches("(?s)render=\\d+ url=" + java.util.regex.Pattern.quote(path) + " é\n.{2000}"),
                path + " answered with: " + response.body());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledApplicationStartsAgainOnIntactPagesOrAnEmptyTierNeverOnGarbage() throws Exception {
        TieredApp.configure(configuration, disk);
        Path output = Files.createTempFile(configuration, "app-", ".log");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TieredApp.class.getName(), configuration.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            int port = awaitPort(app, output);
            URI base = URI.create("http://127.0.0.1:" + port);
            for (int page = 0; page < PAGES; page++) {
                HttpResponse<String> miss = get(base, path(page));
                assertRightPage(path(page), miss);
                assertEquals("HIT", get(base, path(page)).headers().firstValue("X-Cache").orElse(null));
            }

            Exception second = assertThrows(Exception.class, () -> TieredApp.start(configuration, 0).close());
            String messages = TestServer.messages(second);
            assertTrue(messages.contains("webcache.caches.default.disk-path: cannot use the directory")
                    && messages.contains("locked by another process"), messages);

            // stores still under way when the process dies
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int page = PAGES; page < 2 * PAGES; page++) {
                inFlight.add(TestServer.client().sendAsync(HttpRequest.newBuilder(base.resolve(path(page)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            app.destroyForcibly();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the application's JVM ends");
            assertEquals(137, app.exitValue(), "killed by SIGKILL");
            inFlight.forEach(request -> request.handle((response, failure) -> null).join());

            try (TestServer restarted = TieredApp.start(configuration, port)) {
                for (int page = 0; page < 2 * PAGES; page++) {
                    HttpResponse<String> first = restarted.get(path(page));
                    assertRightPage(path(page), first);
                    assertTrue(Set.of("HIT", "MISS").contains(first.headers().firstValue("X-Cache").orElse("")));
                    HttpResponse<String> again = restarted.get(path(page));
                    assertRightPage(path(page), again);
                    assertEquals("HIT", again.headers().firstValue("X-Cache").orElse(null), path(page));
                }
            }
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> get(URI base, String path) {
        try {
            return TestServer.client().send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path, e);
        }
    }

    private static int awaitPort(Process app, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(output, StandardCharsets.UTF_8);
            int ready = log.indexOf(TieredApp.READY);
            if (ready >= 0) {
                int start = ready + TieredApp.READY.length();
                int end = log.indexOf('\n', start);
                if (end > start) {
                    return Integer.parseInt(log.substring(start, end).trim());
                }
            }
            if (!app.isAlive()) {
                fail("the application ended with " + app.exitValue() + ":\n" + log);
            }
            Thread.sleep(100);
        }
        fail("the application did not start within 60 s:\n" + Files.readString(output, StandardCharsets.UTF_8));
        return -1;
    }
}
