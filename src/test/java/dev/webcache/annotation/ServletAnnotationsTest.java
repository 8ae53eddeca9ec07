package dev.webcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.annotation.servlets.Bodies;
import dev.webcache.annotation.servlets.EmptyCacheControlServlet;
import dev.webcache.annotation.servlets.InstanceServlet;
import dev.webcache.annotation.servlets.MethodServlet;
import dev.webcache.annotation.servlets.ProgrammaticServlet;
import dev.webcache.annotation.servlets.ScannedServlet;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestServer;
import dev.webcache.web.WebcacheInitializer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The header annotations in a real Jetty with no web.xml line for webcache: servlets declared by {@code @WebServlet},
 * by web.xml, and by {@code ServletContext.addServlet} with a class and with an instance, annotated on the class and
 * on methods; bodies of 1 MiB that commit early, {@code sendRedirect}, {@code flushBuffer}, {@code reset},
 * {@code sendError}. JSPs and static files are left alone.
 */
class ServletAnnotationsTest {
    private static final String NOW = "Thu, 01 Jan 2026 00:00:00 GMT";
    private static final String NEVER = "max-age=0, no-cache, no-store, must-revalidate, private";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        ServletContainerInitializer addsByClass = (classes, context) ->
                context.addServlet("programmatic", ProgrammaticServlet.class).addMapping("/programmatic");
        ServletContextListener addsInstance = new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                event.getServletContext().addServlet("instance", new InstanceServlet()).addMapping("/instance");
            }
        };
        server = TestServer.webapp("annotated")
                .attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, new ManualClock(Instant.parse("2026-01-01T00:00:00Z")))
                .webInfClasses(ScannedServlet.class, MethodServlet.class)
                .customize(context -> {
                    context.addServletContainerInitializer(addsByClass);
                    context.addEventListener(addsInstance);
                })
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<String> header(HttpResponse<?> response, String name) {
        return response.headers().allValues(name);
    }

    @Test
    void classAnnotationMergesIntoWhatTheServletSetAndTheServletReadsItsOwnValue() {
        HttpResponse<String> response = server.get("/scanned");
        assertEquals(200, response.statusCode());
        assertEquals(List.of("max-age=300, no-transform, public"), header(response, "Cache-Control"));
        assertEquals("own=max-age=600, private, no-transform", response.body());
        assertEquals(List.of(), header(response, "Expires"));
        assertEquals(List.of(), header(response, "Vary"));

        HttpResponse<byte[]> big = server.sendForBytes(server.request("/scanned?big=1").GET().build());
        assertEquals(Bodies.MIB, big.body().length);
        assertEquals(List.of("max-age=300, no-transform, public"), header(big, "Cache-Control"));
    }

    @Test
    void methodAnnotationWinsOverTheClassPerAnnotationType() {
        HttpResponse<byte[]> get = server.sendForBytes(server.request("/method").GET().build());
        assertEquals(Bodies.MIB, get.body().length);
        assertEquals(List.of(NEVER), header(get, "Cache-Control"));
        assertEquals(List.of(NOW), header(get, "Expires"));
        assertEquals(List.of("Accept-Encoding, Accept-Language, Cookie"), header(get, "Vary"));

        HttpResponse<String> head = server.send(server.request("/method").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(List.of(NEVER), header(head, "Cache-Control"));
        assertEquals(List.of(NOW), header(head, "Expires"));
        assertEquals(List.of("Accept-Encoding, Accept-Language, Cookie"), header(head, "Vary"));

        HttpResponse<String> post = server.send(server.request("/method").POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals("posted", post.body());
        assertEquals(List.of("max-age=600, public"), header(post, "Cache-Control"));
        assertEquals(List.of("Cookie"), header(post, "Vary"));
        assertEquals(List.of(), header(post, "Expires"));
    }

    @Test
    void webXmlServletGetsItsHeadersHoweverTheResponseEnds() {
        String cacheControl = "max-age=120, must-revalidate";
        String vary = "User-Agent, Accept-Encoding, X-Variant";

        HttpResponse<String> plain = server.get("/xml");
        assertEquals("ok", plain.body());
        assertEquals(List.of(cacheControl), header(plain, "Cache-Control"));
        assertEquals(List.of(vary), header(plain, "Vary"));

        // the headers are in the response when sendError is called; then the container builds its error page, and
        // Jetty starts it afresh with its own Cache-Control (Tomcat keeps the servlet's headers): a cacheable
        // servlet does not make its error pages cacheable
        HttpResponse<String> error = server.get("/xml?mode=error");
        assertEquals(404, error.statusCode());
        assertEquals(List.of("must-revalidate,no-cache,no-store"), header(error, "Cache-Control"));
        assertEquals(List.of(), header(error, "Vary"));

        HttpResponse<String> redirect = server.get("/xml?mode=redirect");
        assertEquals(302, redirect.statusCode());
        assertEquals(List.of("/elsewhere"), header(redirect, "Location"));
        assertEquals(List.of(cacheControl), header(redirect, "Cache-Control"));
        assertEquals(List.of(vary), header(redirect, "Vary"));

        HttpResponse<String> flushed = server.get("/xml?mode=flush");
        assertEquals("flushed", flushed.body());
        assertEquals(List.of("no-transform, max-age=120, must-revalidate"), header(flushed, "Cache-Control"));
        assertEquals(List.of(vary), header(flushed, "Vary"));

        HttpResponse<String> reset = server.get("/xml?mode=reset");
        assertEquals("reset", reset.body());
        assertEquals(List.of(cacheControl), header(reset, "Cache-Control"));
        assertEquals(List.of(), header(reset, "Expires"));
        assertEquals(List.of("Accept-Encoding, X-Variant"), header(reset, "Vary"));
    }

    @Test
    void servletsAddedByClassAndByInstanceAreFoundToo() {
        HttpResponse<String> programmatic = server.get("/programmatic");
        assertEquals(Bodies.MIB, programmatic.body().length());
        assertEquals(List.of("s-maxage=60, stale-while-revalidate=30"), header(programmatic, "Cache-Control"));

        HttpResponse<String> instance = server.get("/instance");
        assertEquals("instance", instance.body());
        assertEquals(List.of("max-age=5, private"), header(instance, "Cache-Control"));
        HttpResponse<String> post = server.send(server.request("/instance").POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(List.of("no-store"), header(post, "Cache-Control"));
    }

    @Test
    void jspsAndStaticFilesAreUntouched() {
        for (String path : List.of("/page.jsp", "/static.txt")) {
            HttpResponse<String> response = server.get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals(List.of(), header(response, "Cache-Control"), path);
            assertEquals(List.of(), header(response, "Vary"), path);
            assertEquals(List.of(), header(response, "Expires"), path);
        }
    }

    @Test
    void anInvalidAnnotationFailsTheDeploymentNamingTheServlet() {
        ServletException failure = assertThrows(ServletException.class, () -> TestServer.webapp("annotated")
                .customize(context -> context.addServlet(EmptyCacheControlServlet.class, "/bad"))
                .start().close());
        assertTrue(failure.getMessage().contains(
                "dev.webcache.annotation.servlets.EmptyCacheControlServlet: @CacheControl sets no directive"),
                failure.getMessage());
    }
}
