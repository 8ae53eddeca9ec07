package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memoization page on Tomcat: the report is computed once, until a refresh overwrites it. */
class MemoPageTest extends RunningExample {
    @Test
    void theReportIsComputedOnceAndRecomputedOnRefresh() {
        assertTrue(server.get("/").body().contains("href=\"/memo\""));
        String first = server.get("/memo").body();
        String second = server.get("/memo").body();
        assertEquals(paragraph(first, "computed"), paragraph(second, "computed"), second);
        assertEquals(paragraph(first, "computations"), paragraph(second, "computations"));
        assertTrue(paragraph(second, "primes").contains("1229 primes below 10000"), second);

        String refreshed = server.get("/memo?refresh=1").body();
        int before = computations(second);
        assertEquals(before + 1, computations(refreshed));
        assertEquals(paragraph(refreshed, "computed"), paragraph(server.get("/memo").body(), "computed"));
    }

    private static String paragraph(String body, String id) {
        int start = body.indexOf("<p id=\"" + id + "\">");
        return body.substring(start, body.indexOf("</p>", start));
    }

    private static int computations(String body) {
        String text = paragraph(body, "computations");
        return Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
    }
}
