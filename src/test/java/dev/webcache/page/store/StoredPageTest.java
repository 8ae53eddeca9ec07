package dev.webcache.page.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored page without a container: what is kept of a response, gzip storage, its compact form. */
class StoredPageTest {
    private static final StoredPage.Lifetime MINUTE = new StoredPage.Lifetime(60_000, 0, 0);

    @Test
    void perConnectionAndPerClientHeadersAreNotKept() {
        StoredPage page = StoredPage.of(200, lines("Content-Type: text/plain", "Set-Cookie: a=b", "Date: x",
                "Content-Length: 3", "Connection: close, X-Hop", "X-Hop: 1", "X-Kept: yes", "X-Kept: again"),
                "abc".getBytes(StandardCharsets.UTF_8), 0, MINUTE, TokenStamp.NONE, true);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < page.headerCount(); i++) {
            kept.add(page.headerName(i) + ": " + page.headerValue(i) + (page.isFirstOfName(i) ? "" : " (added)"));
        }
        assertEquals(List.of("Content-Type: text/plain", "X-Kept: yes", "X-Kept: again (added)"), kept);
        assertTrue(page.etag().startsWith("\""), "a strong ETag from the body: " + page.etag());
        assertEquals(page.etag(), StoredPage.of(200, lines(), "abc".getBytes(StandardCharsets.UTF_8), 5, MINUTE,
                TokenStamp.NONE, false).etag(), "the same body, the same ETag");
        assertEquals("\"own\"", StoredPage.of(200, lines("ETag: \"own\""), new byte[1], 0, MINUTE, TokenStamp.NONE,
                false).etag());
    }

    @Test
    void aTextBodyIsKeptCompressedAndSentInEitherEncoding() throws IOException {
        byte[] html = "<p>hello</p>\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        StoredPage page = StoredPage.of(200, lines("Content-Type: text/html", "Vary: Cookie"), html, 0, MINUTE,
                TokenStamp.NONE, true);
        assertTrue(page.gzipped());
        assertTrue(page.storedLength() < html.length / 5);
        assertEquals(List.of("Cookie, Accept-Encoding"), page.headerValues("Vary"));
        assertEquals(html.length, page.bodyLength(false));
        assertNotEquals(page.etag(false), page.etag(true), "each encoding has its own strong validator");
        ByteArrayOutputStream identity = new ByteArrayOutputStream();
        page.writeBody(identity, false);
        assertArrayEquals(html, identity.toByteArray());

        assertFalse(StoredPage.of(200, lines("Content-Type: text/html"), html, 0, MINUTE, TokenStamp.NONE, false)
                .gzipped(), "not without compress (shared mode)");
        assertFalse(StoredPage.of(200, lines("Content-Type: image/png"), html, 0, MINUTE, TokenStamp.NONE, true)
                .gzipped(), "not a binary type");
        assertFalse(StoredPage.of(200, lines("Content-Type: text/html", "Content-Encoding: br"), html, 0, MINUTE,
                TokenStamp.NONE, true).gzipped(), "not a body the application encoded");
    }

    @Test
    void aPageSentAgainSharesOneReadOnlyDirectCopyOfEachEncoding() throws IOException {
        byte[] html = "<p>hello</p>\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        StoredPage page = StoredPage.of(200, lines("Content-Type: text/html"), html, 0, MINUTE, TokenStamp.NONE,
                true);
        assertNull(page.directBody(true), "no copy at an instance's first hit: it may be decoded for this hit only");
        ByteBuffer gzip = page.directBody(true);
        assertTrue(gzip.isDirect() && gzip.isReadOnly());
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        page.writeBody(stored, true);
        assertEquals(ByteBuffer.wrap(stored.toByteArray()), gzip);
        ByteBuffer identity = page.directBody(false);
        assertEquals(ByteBuffer.wrap(html), identity);

        gzip.position(gzip.limit());
        ByteBuffer again = page.directBody(true);
        assertEquals(0, again.position(), "each hit gets a position of its own on the shared bytes");
        assertEquals(stored.size(), again.remaining());
    }

    @Test
    void theCompactFormKeepsEverythingAHitSends() throws IOException {
        StoredPage page = StoredPage.of(200, lines("Content-Type: text/html", "Last-Modified: "
                + "Sun, 02 Nov 2025 10:00:00 GMT", "X-A: 1", "X-A: 2"), "<p>x</p>".repeat(80).getBytes(
                StandardCharsets.UTF_8), 1234, new StoredPage.Lifetime(60_000, 5_000, 7_000),
                new TokenStamp(List.of("movies"), 42), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        page.writeCompact(new DataOutputStream(bytes));
        StoredPage read = StoredPage.readCompact(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(page.headerCount(), read.headerCount());
        for (int i = 0; i < page.headerCount(); i++) {
            assertEquals(page.headerName(i), read.headerName(i));
            assertEquals(page.headerValue(i), read.headerValue(i));
            assertEquals(page.isFirstOfName(i), read.isFirstOfName(i));
        }
        assertEquals(page.etag(true), read.etag(true));
        assertEquals(page.parsedLastModified(), read.parsedLastModified());
        assertEquals(page.tokens(), read.tokens());
        assertEquals(page.retentionMillis(), read.retentionMillis());
        assertEquals(page.isFresh(61_233), read.isFresh(61_233));
        assertFalse(read.isFresh(61_234));
        assertTrue(read.isServableWhileRevalidating(66_233));
        assertFalse(read.isServableWhileRevalidating(66_234));
        assertTrue(read.isServableOnError(68_233));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        read.writeBody(body, false);
        assertEquals("<p>x</p>".repeat(80), body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSharedPageIsKeptAsReceivedAndA304FreshensIt() {
        StoredPage page = StoredPage.shared(200, lines("Date: Sun, 02 Nov 2025 10:00:00 GMT", "Age: 5",
                "Cache-Control: max-age=60", "X-A: old", "Set-Cookie: a=b"), new byte[3], 10_000,
                new StoredPage.Lifetime(60_000, 0, 0), 5, true);
        assertEquals(List.of("Sun, 02 Nov 2025 10:00:00 GMT"), page.headerValues("Date"), "Date stays as received");
        assertTrue(page.headerValues("Age").isEmpty());
        assertTrue(page.headerValues("Set-Cookie").isEmpty());
        assertNull(page.etag(), "no ETag invented");
        assertEquals(5, page.ageSeconds(10_000));
        StoredPage freshened = page.refreshed(lines("X-A: new", "X-B: added", "ETag: \"e\""), 20_000,
                new StoredPage.Lifetime(30_000, 0, 0), 0, false);
        assertEquals(List.of("new"), freshened.headerValues("X-A"));
        assertEquals(List.of("added"), freshened.headerValues("X-B"));
        assertEquals("\"e\"", freshened.etag());
        assertFalse(freshened.servableStale());
        assertTrue(freshened.isFresh(49_999));
    }

    private static List<String[]> lines(String... lines) {
        List<String[]> parsed = new ArrayList<>();
        for (String line : lines) {
            String[] pair = line.split(":", 2);
            parsed.add(new String[] {pair[0], pair[1].strip()});
        }
        return parsed;
    }
}
