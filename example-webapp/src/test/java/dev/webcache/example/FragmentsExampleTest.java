package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The movie page of the fragment-cache example on Tomcat 10.1: the list is queried once and then served from its
 * {@code <cache:icache>} fragment until the add form bumps the {@code movies} token; the sidebar is per user.
 */
class FragmentsExampleTest extends RunningExample {
    private static String page(String path) {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static long queries(String page) {
        Matcher m = Pattern.compile("Slow catalog queries so far: (\\d+)\\.").matcher(page);
        assertTrue(m.find(), page);
        return Long.parseLong(m.group(1));
    }

    @Test
    void theMovieListIsCachedUntilAMovieIsAddedAndTheSidebarVariesOnTheUser() {
        String ann = page("/fragments/movies.jsp?user=ann");
        assertTrue(ann.contains("<li>Casablanca</li>"), ann);
        assertTrue(ann.contains("Hello, ann!"), ann);
        long queries = queries(ann);

        String bob = page("/fragments/movies.jsp?user=bob");
        assertTrue(bob.contains("Hello, bob!"), bob);
        assertTrue(bob.contains("<li>Casablanca</li>"), bob);
        assertEquals(queries, queries(bob), "the list came from the cache");

        HttpResponse<String> added = server.send(HttpRequest.newBuilder(server.uri("/fragments/movies/add"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=Ikiru+%26+Ran&user=bob")).build());
        assertEquals(303, added.statusCode());
        assertEquals("/fragments/movies.jsp?user=bob", added.headers().firstValue("Location").orElseThrow());

        String after = page("/fragments/movies.jsp?user=bob");
        assertTrue(after.contains("<li>Ikiru &amp; Ran</li>"), after);
        assertEquals(queries + 1, queries(after), "incr(\"movies\") invalidated the list once");
        assertEquals(queries + 1, queries(page("/fragments/movies.jsp?user=ann")));
    }
}
