package dev.webcache.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.testing.LogCapture;
import dev.webcache.testing.TestServer;
import jakarta.servlet.ServletContext;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The tags remember the registry they looked up last; an application restarted in the same servlet context has a
 * new registry, and its fragments go there at once: no failure, no warning, no use of the closed one.
 */
class FragmentRestartTest {

    private static String page(TestServer server, String path) {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void anApplicationRestartedInPlaceStoresItsFragmentsInItsNewRegistry() throws Exception {
        try (TestServer server = TestServer.webapp("fragments").start();
             LogCapture log = LogCapture.of("dev.webcache.taglib")) {
            ServletContext context = server.context().getServletContext();
            Caches before = Caches.from(context);
            assertTrue(page(server, "/expiry.jsp?v=1").contains("forever=[v=1]"));
            assertTrue(page(server, "/expiry.jsp?v=2").contains("forever=[v=1]"), "a hit");

            server.context().stop();
            server.context().start();
            assertSame(context, server.context().getServletContext(), "the same context, so the same memo entry");
            Caches after = Caches.from(context);
            assertNotSame(before, after);

            assertTrue(page(server, "/expiry.jsp?v=3").contains("forever=[v=3]"), "the new registry is empty");
            assertTrue(page(server, "/expiry.jsp?v=4").contains("forever=[v=3]"), "and stored the fragment");
            assertTrue(after.getDefault().hasKey(FragmentKeys.of("forever")));
            assertEquals(0, log.warnings().size(), log.warnings().toString());
        }
    }
}
