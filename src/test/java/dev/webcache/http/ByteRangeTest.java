package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link ByteRange}: which {@code Range} headers a stored representation answers, and {@code If-Range}. */
class ByteRangeTest {
    private static String selected(String header, long length) {
        ByteRange.Selection selection = ByteRange.select(header, length);
        return selection.outcome() == ByteRange.Outcome.PART ? selection.range().contentRange(length)
                : selection.outcome().name();
    }

    @Test
    void aSingleBytesRangeIsAnsweredClippedToTheEnd() {
        assertEquals("bytes 0-4/10", selected("bytes=0-4", 10));
        assertEquals("bytes 3-9/10", selected("bytes=3-", 10));
        assertEquals("bytes 3-9/10", selected("bytes=3-99", 10));
        assertEquals("bytes 3-9/10", selected("BYTES = 3-99999999999999999999999", 10));
        assertEquals("bytes 6-9/10", selected("bytes=-4", 10));
        assertEquals("bytes 0-9/10", selected("bytes=-40", 10));
        assertEquals("bytes 9-9/10", selected("bytes=9-9", 10));
    }

    @Test
    void aRangeNoByteSatisfiesIsUnsatisfiable() {
        assertEquals("UNSATISFIABLE", selected("bytes=10-", 10));
        assertEquals("UNSATISFIABLE", selected("bytes=99999999999999999999-", 10));
        assertEquals("UNSATISFIABLE", selected("bytes=-0", 10));
        assertEquals("UNSATISFIABLE", selected("bytes=0-", 0));
        assertEquals("bytes */10", ByteRange.unsatisfied(10));
    }

    @Test
    void whatIsNotOneValidBytesRangeLeavesTheWholeRepresentation() {
        for (String header : new String[] {null, "", "items=0-1", "bytes=0-1, 3-4", "bytes=4-2", "bytes=a-b",
                "bytes=1", "bytes=-", "bytes 0-1", "bytes=+1-2"}) {
            assertEquals("WHOLE", selected(header, 10), String.valueOf(header));
        }
    }

    @Test
    void ifRangeNeedsAStrongMatch() {
        Instant lastModified = Instant.parse("2026-03-01T10:00:00Z");
        String lm = HttpDates.format(lastModified);
        String later = HttpDates.format(lastModified.plusSeconds(60));
        EntityTag strong = EntityTag.strong("a");
        assertTrue(ByteRange.ifRangeMatches(null, null, null, null));
        assertTrue(ByteRange.ifRangeMatches("\"a\"", strong, null, null));
        assertFalse(ByteRange.ifRangeMatches("\"b\"", strong, null, null));
        assertFalse(ByteRange.ifRangeMatches("W/\"a\"", strong, null, null));
        assertFalse(ByteRange.ifRangeMatches("\"a\"", EntityTag.weak("a"), null, null));
        assertFalse(ByteRange.ifRangeMatches("\"a\"", null, lastModified, later));
        assertTrue(ByteRange.ifRangeMatches(lm, strong, lastModified, later));
        assertFalse(ByteRange.ifRangeMatches(later, strong, lastModified, later), "not the stored date");
        assertFalse(ByteRange.ifRangeMatches(lm, strong, lastModified, lm), "weak: modified within its Date's second");
        assertFalse(ByteRange.ifRangeMatches(lm, strong, lastModified, null), "no Date: not known to be strong");
        assertFalse(ByteRange.ifRangeMatches("not a date", strong, lastModified, later));
    }
}
