package dev.webcache.taglib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fragments come out in the encoding of the page that writes them, on a miss and on a hit, even when a fragment
 * stored by a UTF-8 page is written by an ISO-8859-1 page. The web app has no configuration file, so its only
 * cache is {@code default}, which the tags then use.
 */
class FragmentEncodingTest {
    private static TestServer server;
    private static Caches caches;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("fragments").start();
        caches = Caches.from(server.context().getServletContext());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static byte[] body(String path, Charset expectedCharset) {
        HttpResponse<byte[]> response = server.sendForBytes(server.request(path).GET().build());
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        assertTrue(contentType.toLowerCase().contains("charset=" + expectedCharset.name().toLowerCase()), contentType);
        return trim(response.body());
    }

    private static byte[] trim(byte[] bytes) {
        int from = 0;
        int to = bytes.length;
        while (from < to && bytes[from] <= ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] <= ' ') {
            to--;
        }
        return Arrays.copyOfRange(bytes, from, to);
    }

    @Test
    void utf8AndIso88591PagesWriteTheirFragmentsInTheirOwnEncoding() {
        Charset utf8 = StandardCharsets.UTF_8;
        Charset latin1 = StandardCharsets.ISO_8859_1;
        String zoe = "Zo%C3%AB";

        byte[] utf8Miss = body("/utf8.jsp?name=" + zoe + "&v=1", utf8);
        byte[] utf8Hit = body("/utf8.jsp?name=" + zoe + "&v=2", utf8);
        String utf8Page = "<p>Grüße, Zoë! 日本語 € 😀 v=1</p>\n<p>Grüße v=1</p>";
        assertArrayEquals(utf8Page.getBytes(utf8), utf8Miss, () -> new String(utf8Miss, utf8));
        assertArrayEquals(utf8Page.getBytes(utf8), utf8Hit, () -> new String(utf8Hit, utf8));
        assertTrue(caches.getDefault().hasKey(FragmentKeys.of("utf8", "Zoë")),
                "without template_fragments the default cache is used; the key hashes the UTF-8 of the value");

        byte[] latin1Miss = body("/latin1.jsp?v=3", latin1);
        byte[] latin1Hit = body("/latin1.jsp?v=4", latin1);
        String latin1Page = "<p>Grüße aus Köln, café ½ v=3</p>\n<p>Grüße v=1</p>";
        assertArrayEquals(latin1Page.getBytes(latin1), latin1Miss, () -> new String(latin1Miss, latin1));
        assertArrayEquals(latin1Page.getBytes(latin1), latin1Hit, () -> new String(latin1Hit, latin1));
    }
}
