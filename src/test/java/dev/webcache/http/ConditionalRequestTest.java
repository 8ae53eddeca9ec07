package dev.webcache.http;

import static dev.webcache.http.ConditionalRequest.Outcome.NOT_MODIFIED;
import static dev.webcache.http.ConditionalRequest.Outcome.PRECONDITION_FAILED;
import static dev.webcache.http.ConditionalRequest.Outcome.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9110 section 13.2.2: the order in which preconditions are evaluated, and entity tag comparison. */
class ConditionalRequestTest {
    private static final EntityTag ETAG = EntityTag.strong("v1");
    private static final Instant MODIFIED = Instant.parse("2026-01-01T12:00:00.750Z");
    private static final String AT = "Thu, 01 Jan 2026 12:00:00 GMT";
    private static final String BEFORE = "Thu, 01 Jan 2026 11:59:59 GMT";

    private static ConditionalRequest.Outcome eval(String method, String ifMatch, String ifNoneMatch, String ims,
            String ius) {
        return new ConditionalRequest(method, ifMatch, ifNoneMatch, ims, ius).evaluate(ETAG, MODIFIED);
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        assertEquals(NOT_MODIFIED, eval("GET", null, "\"v1\"", null, null));
        assertEquals(NOT_MODIFIED, eval("HEAD", null, "W/\"v1\"", null, null));
        assertEquals(NOT_MODIFIED, eval("GET", null, "\"x\", W/\"v1\"", null, null));
        assertEquals(NOT_MODIFIED, eval("GET", null, "*", null, null));
        assertEquals(PROCEED, eval("GET", null, "\"v2\"", null, null));
        assertEquals(PRECONDITION_FAILED, eval("POST", null, "\"v1\"", null, null));
        assertEquals(PRECONDITION_FAILED, eval("PUT", null, "*", null, null));
    }

    @Test
    void ifMatchUsesStrongComparisonAndComesFirst() {
        assertEquals(PROCEED, eval("PUT", "\"v1\"", null, null, null));
        assertEquals(PROCEED, eval("PUT", "*", null, null, null));
        assertEquals(PRECONDITION_FAILED, eval("PUT", "W/\"v1\"", null, null, null));
        assertEquals(PRECONDITION_FAILED, eval("GET", "\"v2\"", "\"v1\"", null, null));
        // If-Match present: If-Unmodified-Since is not looked at
        assertEquals(PROCEED, eval("PUT", "\"v1\"", null, null, BEFORE));
        assertEquals(PRECONDITION_FAILED, new ConditionalRequest("GET", "\"v1\"", null, null, null)
                .evaluate(EntityTag.weak("v1"), null));
    }

    @Test
    void datesCompareToTheSecond() {
        assertEquals(PRECONDITION_FAILED, eval("PUT", null, null, null, BEFORE));
        assertEquals(PROCEED, eval("PUT", null, null, null, AT));
        assertEquals(NOT_MODIFIED, eval("GET", null, null, AT, null));
        assertEquals(PROCEED, eval("GET", null, null, BEFORE, null));
        // If-Modified-Since is only for GET and HEAD, ignored when If-None-Match is present or the date is bad
        assertEquals(PROCEED, eval("POST", null, null, AT, null));
        assertEquals(PROCEED, eval("GET", null, "\"v2\"", AT, null));
        assertEquals(PROCEED, eval("GET", null, null, "yesterday", null));
        assertEquals(PROCEED, eval("PUT", null, null, null, "yesterday"));
        // If-Unmodified-Since fails before If-None-Match is looked at
        assertEquals(PRECONDITION_FAILED, eval("GET", null, "\"v1\"", null, BEFORE));
    }

    @Test
    void withoutValidatorsOnlyWildcardsMatch() {
        ConditionalRequest ims = new ConditionalRequest("GET", null, null, AT, null);
        assertEquals(PROCEED, ims.evaluate(null, null));
        assertEquals(PROCEED, ims.evaluateHeaders("\"v1\"", "garbage"));
        assertEquals(NOT_MODIFIED, ims.evaluateHeaders(null, AT));
        assertEquals(PRECONDITION_FAILED,
                new ConditionalRequest("GET", "\"v1\"", null, null, null).evaluate(null, null));
        assertEquals(NOT_MODIFIED, new ConditionalRequest("GET", null, "*", null, null).evaluate(null, null));
        assertFalse(new ConditionalRequest("GET", null, null, null, null).isConditional());
        assertTrue(ims.isConditional());
        assertEquals(304, NOT_MODIFIED.status());
        assertEquals(412, PRECONDITION_FAILED.status());
    }

    @Test
    void entityTagsParseAndPrint() {
        assertEquals(Optional.of(EntityTag.weak("a")), EntityTag.parse(" W/\"a\" "));
        assertEquals("W/\"a\"", EntityTag.weak("a").toString());
        assertEquals("\"\"", EntityTag.strong("").toString());
        assertEquals(Optional.empty(), EntityTag.parse("a"));
        assertEquals(Optional.empty(), EntityTag.parse("\"a b\""));
        assertEquals(Optional.empty(), EntityTag.parse("w/\"a\""));
        assertEquals(List.of(EntityTag.strong("a,b"), EntityTag.weak("c")),
                EntityTag.parseList("\"a,b\", junk, W/\"c\""));
        assertTrue(EntityTag.weak("a").weakMatches(EntityTag.strong("a")));
        assertFalse(EntityTag.weak("a").strongMatches(EntityTag.strong("a")));
    }
}
