package dev.webcache.filter;

import static dev.webcache.filter.ResilienceApp.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.page.PageServlet;
import dev.webcache.testing.TestServer;
import dev.webcache.tokens.TokenCounters;
import org.junit.jupiter.api.Test;

/** One {@code incr} of a token makes the pages and the fragments marked with it stale. */
class PageTokensTest {

    @Test
    void anIncrInvalidatesPagesAndFragmentsMarkedWithTheToken() throws Exception {
        try (TestServer server = TestServer.webapp("resilience").start()) {
            TokenCounters counters = TokenCounters.of(Caches.from(server.context().getServletContext()).getDefault());
            String movies = "/page/movies?tokens=movies,genres";
            String other = "/page/people?tokens=people";
            server.get(movies);
            server.get(other);
            assertEquals("fragment=[v=1]", server.get("/movies.jsp?v=1").body().trim());
            assertEquals("HIT", header(server.get(movies), "X-Cache"));
            assertEquals("fragment=[v=1]", server.get("/movies.jsp?v=2").body().trim());

            counters.incr("movies");

            String page = server.get(movies).body();
            assertTrue(page.startsWith("render=2 "), page);
            assertEquals("fragment=[v=3]", server.get("/movies.jsp?v=3").body().trim());
            assertEquals("HIT", header(server.get(movies), "X-Cache"), "stored again under the new sum");
            assertEquals("HIT", header(server.get(other), "X-Cache"), "a page with other tokens is untouched");
            counters.incr("genres");
            assertEquals("MISS", header(server.get(movies), "X-Cache"));
            assertEquals(3, PageServlet.renders(movies));
            assertEquals(1, PageServlet.renders(other));
        }
    }
}
