package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TargetedCacheControl}: which targeted field governs, and which values are valid dictionaries. */
class TargetedCacheControlTest {
    @Test
    void validDictionariesGiveTheirDirectives() {
        assertEquals(3600, TargetedCacheControl.parse("max-age=3600").maxAge().orElseThrow());
        assertEquals(3600, TargetedCacheControl.parse("foobar, max-age=3600").maxAge().orElseThrow());
        assertEquals(CacheControl.MAX_DELTA_SECONDS, TargetedCacheControl.parse("max-age=99999999999").maxAge()
                .orElseThrow(), "capped as in Cache-Control");
        assertTrue(TargetedCacheControl.parse("no-store").noStore());
        assertTrue(TargetedCacheControl.parse("private=\"Set-Cookie\"").isPrivate());
        assertTrue(TargetedCacheControl.parse("no-cache;x=1, max-age=5").noCache());
        assertEquals(false, TargetedCacheControl.parse("no-store=?0, max-age=5").noStore(), "?0 is false");
        assertEquals(7, TargetedCacheControl.parse("a=(1 2 \"x\"), b=:aGk=:, c=1.5, d=tok/en, max-age=7")
                .maxAge().orElseThrow());
        assertEquals(90, TargetedCacheControl.parse("max-age=60 ,\tstale-if-error=90").staleIfError()
                .orElseThrow());
    }

    @Test
    void invalidOrEmptyValuesAreIgnored() {
        for (String value : new String[] {"", "   ", "max-age=10000, &&&&&", "max-age=\"10000\"", "MaX-aGe=3600",
                "max-age =100", "max-age= 100", "max-age=-1", "max-age=1.5", "max-age", "max-age=1,",
                "max-age=1234567890123456", "a=\"unterminated", "a=(1 2", "a=?2"}) {
            assertNull(TargetedCacheControl.parse(value), "'" + value + "'");
        }
    }

    @Test
    void theFirstConfiguredFieldThatIsPresentAndValidGoverns() {
        Map<String, List<String>> lines = Map.of("CDN-Cache-Control", List.of("max-age=&"),
                "Webcache-Cache-Control", List.of("max-age=5"), "Other-Cache-Control", List.of("max-age=9"));
        List<String> order = List.of("Webcache-Cache-Control", "CDN-Cache-Control", "Other-Cache-Control");
        assertEquals(5, TargetedCacheControl.select(order, name -> lines.getOrDefault(name, List.of())).maxAge()
                .orElseThrow());
        assertEquals(9, TargetedCacheControl.select(List.of("CDN-Cache-Control", "Other-Cache-Control"),
                name -> lines.getOrDefault(name, List.of())).maxAge().orElseThrow(), "an invalid one is skipped");
        assertNull(TargetedCacheControl.select(List.of("CDN-Cache-Control"),
                name -> lines.getOrDefault(name, List.of())));
        assertEquals(30, TargetedCacheControl.select(List.of("CDN-Cache-Control"),
                name -> List.of("max-age=30", "no-transform")).maxAge().orElseThrow(), "lines join as one list");
    }
}
