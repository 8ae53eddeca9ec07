package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IMF-fixdate out, the three RFC 9110 date formats in. */
class HttpDatesTest {
    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void formatsImfFixdateWithTwoDigitDays() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(RFC_EXAMPLE));
        assertEquals("Sun, 17 Jul 2016 10:00:02 GMT", HttpDates.format(Instant.ofEpochSecond(1468749602L)));
        assertEquals("Mon, 01 Jan 2007 01:54:21 GMT", HttpDates.format(Instant.ofEpochMilli(1167616461999L)));
        assertEquals("Fri, 31 Dec 9999 23:59:59 GMT", HttpDates.format(Instant.MAX));
        assertEquals("Mon, 01 Jan 0001 00:00:00 GMT", HttpDates.format(Instant.MIN));
    }

    @Test
    void parsesTheThreeFormats() {
        for (String date : List.of("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                "Sun Nov  6 08:49:37 1994", "  sun, 06 NOV 1994 08:49:37 GMT ", "Mon, 06 Nov 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 08:49:37 gmt", "Sun, 06 Nov 1994 08:49:37 Gmt", "Sunday, 06-Nov-94 08:49:37 gMT")) {
            assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse(date), date);
        }
        assertEquals(Optional.of(Instant.parse("1994-11-16T08:49:37Z")), HttpDates.parse("Wed Nov 16 08:49:37 1994"));
        assertEquals(Optional.of(Instant.parse("2016-12-31T23:59:59Z")),
                HttpDates.parse("Sat, 31 Dec 2016 23:59:60 GMT"));
    }

    @Test
    void rfc850YearsMoreThanFiftyYearsAheadAreInThePast() {
        Clock in2026 = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(Instant.parse("2076-01-01T00:00:00Z")),
                HttpDates.parse("Thursday, 01-Jan-76 00:00:00 GMT", in2026));
        assertEquals(Optional.of(Instant.parse("1977-01-01T00:00:00Z")),
                HttpDates.parse("Saturday, 01-Jan-77 00:00:00 GMT", in2026));
    }

    @Test
    void badDatesAreEmpty() {
        for (String bad : new String[] {null, "", "tomorrow", "0", "-1", "Sun, 31 Feb 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
                "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:61 GMT",
                "Sun, 06 ov  1994 08:49:37 GMT", "x".repeat(10_000)}) {
            assertEquals(Optional.empty(), HttpDates.parse(bad), bad == null ? "null" : bad.substring(0,
                    Math.min(40, bad.length())));
        }
    }
}
