package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.PageServlet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Gzip storage: one stored entry answers gzip and identity clients, each with its own validator. */
class PageCompressionTest extends ResilienceApp {
    @Test
    void oneGzipStoredEntryServesGzipAndIdentityClients() {
        String path = "/page/text?size=4000";
        PageCacheStatistics before = ResilienceApp.statistics(server, "resilient");
        HttpResponse<byte[]> miss = get(path, "Accept-Encoding", "gzip, deflate");
        assertNull(header(miss, "Content-Encoding"), "the miss goes out as the application wrote it");
        assertEquals("Accept-Encoding", header(miss, "Vary"));
        String identityEtag = header(miss, "ETag");
        byte[] identity = miss.body();

        HttpResponse<byte[]> gzip = get(path, "Accept-Encoding", "deflate, gzip;q=0.8");
        assertEquals("HIT", header(gzip, "X-Cache"));
        assertEquals("gzip", header(gzip, "Content-Encoding"));
        assertEquals("Accept-Encoding", header(gzip, "Vary"));
        assertTrue(gzip.body().length < identity.length / 2, "compressed: " + gzip.body().length);
        assertEquals(Integer.toString(gzip.body().length), header(gzip, "Content-Length"));
        assertArrayEquals(identity, gunzip(gzip.body()));
        String gzipEtag = header(gzip, "ETag");
        assertNotEquals(identityEtag, gzipEtag, "each encoding has its own strong validator");

        for (String refusal : new String[] {null, "identity", "gzip;q=0", "br", "*;q=0"}) {
            HttpResponse<byte[]> plain = refusal == null ? get(path) : get(path, "Accept-Encoding", refusal);
            assertEquals("HIT", header(plain, "X-Cache"), refusal);
            assertNull(header(plain, "Content-Encoding"), refusal);
            assertEquals("Accept-Encoding", header(plain, "Vary"), refusal);
            assertEquals(identityEtag, header(plain, "ETag"), refusal);
            assertArrayEquals(identity, plain.body(), refusal);
        }
        assertEquals("gzip", header(get(path, "Accept-Encoding", "*"), "Content-Encoding"));

        assertEquals(304, get(path, "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode());
        assertEquals(200, get(path, "Accept-Encoding", "gzip", "If-None-Match", identityEtag).statusCode());
        assertEquals(304, get(path, "If-None-Match", identityEtag).statusCode());
        HttpResponse<byte[]> head = server.sendForBytes(server.request(path, "Accept-Encoding", "gzip")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(Integer.toString(gzip.body().length), header(head, "Content-Length"));

        assertEquals(1, PageServlet.renders(path));
        PageCacheStatistics after = ResilienceApp.statistics(server, "resilient");
        assertEquals(1, after.stores() - before.stores(), "one entry for both encodings");
        assertEquals(gzip.body().length, after.bytesStored() - before.bytesStored());
    }

    @Test
    void aResponseTheApplicationCompressedIsStoredAsIsAndNeverCompressedTwice() {
        String path = "/page/precompressed?precompressed=1&size=3000";
        HttpResponse<byte[]> miss = get(path, "Accept-Encoding", "gzip");
        assertEquals("gzip", header(miss, "Content-Encoding"));
        HttpResponse<byte[]> hit = get(path, "Accept-Encoding", "gzip");
        assertEquals("HIT", header(hit, "X-Cache"));
        assertEquals(1, hit.headers().allValues("Content-Encoding").size());
        assertEquals("gzip", header(hit, "Content-Encoding"));
        assertArrayEquals(miss.body(), hit.body());
        String text = new String(gunzip(hit.body()), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("render=1 url=" + path), text);
    }

    @Test
    void aShortBodyIsStoredUncompressed() {
        String shortPage = "/page/short";
        get(shortPage);
        assertNull(header(get(shortPage, "Accept-Encoding", "gzip"), "Content-Encoding"));
        assertNull(header(get(shortPage, "Accept-Encoding", "gzip"), "Vary"));
    }

    @Test
    void concurrentHitsOfBothEncodingsAllGetTheWholeBodyFromTheSharedCopies() throws Exception {
        String path = "/page/text?size=300000";
        byte[] identity = get(path).body();
        byte[] compressed = get(path, "Accept-Encoding", "gzip").body();
        assertArrayEquals(identity, gunzip(compressed));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                boolean gzip = client % 2 == 0;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        HttpResponse<byte[]> hit = gzip ? get(path, "Accept-Encoding", "gzip") : get(path);
                        assertEquals("HIT", header(hit, "X-Cache"));
                        assertArrayEquals(gzip ? compressed : identity, hit.body(), (gzip ? "gzip" : "identity")
                                + " hit " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, PageServlet.renders(path));
    }

    private static HttpResponse<byte[]> get(String path, String... headers) {
        return server.sendForBytes(server.request(path, headers).build());
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
