package dev.webcache.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.testing.TestServer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** webcache starts in a real Jetty web application with no web.xml line, and stops with it. */
class WebStartupTest {

    @Test
    void servletReadsTheRegistryAndStoppingTheContextClosesTheBackends() throws Exception {
        try (TestServer server = TestServer.webapp("minimal").start()) {
            HttpResponse<String> first = server.get("/counter");
            HttpResponse<String> second = server.get("/counter");
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("caches=[default] visits=1", first.body());
            assertEquals("caches=[default] visits=2", second.body());

            ServletContext context = server.context().getServletContext();
            Caches caches = Caches.from(context);
            Cache cache = caches.getDefault();
            assertSame(cache, caches.get("default"));
            assertEquals(2L, (Long) cache.get("visits"));

            server.stopContext();

            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> cache.get("visits"));
            assertEquals("cache 'default' is closed", closed.getMessage());
            assertThrows(IllegalStateException.class, () -> Caches.from(context));
        }
    }

    @Test
    void aConfigurationFileNamedByContextParameterIsUsed() throws Exception {
        try (TestServer server = TestServer.webapp("minimal")
                .initParameter("webcache.config", "classpath:webcache-two-caches.properties").start()) {
            assertEquals("caches=[default, template_fragments] visits=1", server.get("/counter").body());
            Caches caches = Caches.from(server.context().getServletContext());
            assertEquals("dummy", caches.get("template_fragments").settings().backend());
        }
    }

    @Test
    void aBadConfigurationFailsTheDeploymentNamingTheProperty() {
        ServletException failure = assertThrows(ServletException.class,
                () -> TestServer.webapp("misconfigured").start().close());
        assertTrue(failure.getMessage().contains("webcache.caches.default.timeout: 'soon' is not allowed"),
                failure.getMessage());
    }

    @Test
    void aMissingNamedConfigurationFileFailsTheDeployment() {
        ServletException failure = assertThrows(ServletException.class,
                () -> TestServer.webapp("minimal").initParameter("webcache.config", "/WEB-INF/nowhere.properties")
                        .start().close());
        assertTrue(failure.getMessage().contains("webcache.config: the file '/WEB-INF/nowhere.properties' does not exist"),
                failure.getMessage());
    }
}
