package dev.webcache.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestServer;
import dev.webcache.web.WebcacheInitializer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Django's never_cache and patch_response_headers tables, patch_vary_headers and get_max_age on a real Jetty
 * response with a fixed clock, and conditional request evaluation against the response's validators.
 */
class ResponseHeadersTest {
    private static final ManualClock CLOCK = new ManualClock(Instant.EPOCH);
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("headers").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, CLOCK).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void at(Instant instant) {
        CLOCK.advance(Duration.between(CLOCK.instant(), instant));
    }

    /** GET /helpers with the given query parameter name/value pairs (values URL-encoded here). */
    private static HttpResponse<String> call(String... parameters) {
        return call("GET", new String[0], parameters);
    }

    private static HttpResponse<String> call(String method, String[] headers, String... parameters) {
        StringBuilder query = new StringBuilder("/helpers?");
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return server.send(server.request(query.toString(), headers)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static List<String> header(HttpResponse<?> response, String name) {
        return response.headers().allValues(name);
    }

    @Test
    void neverCacheHeaders() {
        at(Instant.ofEpochSecond(1167616461L));
        HttpResponse<String> fresh = call("op", "never");
        assertEquals(List.of("Mon, 01 Jan 2007 01:54:21 GMT"), header(fresh, "Expires"));
        assertEquals(List.of("max-age=0, no-cache, no-store, must-revalidate, private"),
                header(fresh, "Cache-Control"));

        HttpResponse<String> keepsExpires = call("op", "never", "expires", "tomorrow");
        assertEquals(List.of("tomorrow"), header(keepsExpires, "Expires"));

        HttpResponse<String> wasPublic = call("op", "never", "cc", "public, max-age=600");
        assertEquals(List.of("max-age=0, no-cache, no-store, must-revalidate, private"),
                header(wasPublic, "Cache-Control"));
        assertEquals(List.of(), header(wasPublic, "Pragma"));
    }

    @Test
    void patchResponseHeaders() {
        at(Instant.ofEpochSecond(1468749600L));
        HttpResponse<String> fresh = call("op", "response", "timeout", "2");
        assertEquals(List.of("Sun, 17 Jul 2016 10:00:02 GMT"), header(fresh, "Expires"));
        assertEquals(List.of("max-age=2"), header(fresh, "Cache-Control"));
        assertEquals(List.of(), header(fresh, "ETag"));
        assertEquals(List.of(), header(fresh, "Last-Modified"));

        // Django's known inconsistency, kept: the lower max-age wins, Expires follows the timeout
        HttpResponse<String> lower = call("op", "response", "timeout", "3", "cc", "max-age=1");
        assertEquals(List.of("max-age=1"), header(lower, "Cache-Control"));
        assertEquals(List.of("Sun, 17 Jul 2016 10:00:03 GMT"), header(lower, "Expires"));

        HttpResponse<String> negative = call("op", "response", "timeout", "-5", "cc", "public");
        assertEquals(List.of("public, max-age=0"), header(negative, "Cache-Control"));
        assertEquals(List.of("Sun, 17 Jul 2016 10:00:00 GMT"), header(negative, "Expires"));

        HttpResponse<String> kept = call("op", "response", "timeout", "60",
                "expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        assertEquals(List.of("Thu, 01 Jan 1970 00:00:00 GMT"), header(kept, "Expires"));
    }

    @Test
    void patchCacheControlReadsEveryLineAndWritesOne() {
        HttpResponse<String> response = call("op", "cache-control", "cc", "max-age=600", "cc",
                "no-cache=\"Set-Cookie, Link\"", "patch", "max-age=60, public");
        assertEquals(List.of("max-age=60, no-cache=\"Set-Cookie, Link\", public"),
                header(response, "Cache-Control"));
        // nothing there and nothing to add: no empty header
        assertEquals(List.of(), header(call("op", "cache-control", "patch", ""), "Cache-Control"));
    }

    @Test
    void varyHeadersAndMaxAge() {
        HttpResponse<String> vary = call("op", "vary", "vary", "Cookie", "vary", "", "name", "Accept-Encoding",
                "name", "cookie", "name", "accept-encoding");
        assertEquals(List.of("Cookie, Accept-Encoding"), header(vary, "Vary"));
        assertEquals(List.of(), header(call("op", "vary"), "Vary"));
        assertEquals("true", call("op", "has-vary", "vary", "Accept-Language, Cookie", "name", "cookie").body());
        assertEquals("false", call("op", "has-vary", "name", "cookie").body());

        assertEquals("OptionalLong[60]", call("op", "max-age", "cc", "public, max-age=60").body());
        assertEquals("OptionalLong.empty", call("op", "max-age", "cc", "max-age=soon").body());
        assertEquals("OptionalLong.empty", call("op", "max-age").body());
    }

    @Test
    void conditionalRequestsAgainstTheResponseValidators() {
        String lastModified = "Sun, 17 Jul 2016 10:00:00 GMT";
        String[] validators = {"op", "conditional", "etag", "\"v1\"", "lm", lastModified};
        assertEquals(304, call("GET", new String[] {"If-None-Match", "W/\"v1\""}, validators).statusCode());
        assertEquals(304, call("HEAD", new String[] {"If-Modified-Since", lastModified}, validators).statusCode());
        assertEquals(412, call("POST", new String[] {"If-None-Match", "\"v1\""}, validators).statusCode());
        assertEquals(412, call("PUT", new String[] {"If-Match", "\"v0\""}, validators).statusCode());
        assertEquals(200, call("GET", new String[] {"If-None-Match", "\"v0\"", "If-None-Match", "\"v2\""},
                validators).statusCode());
        assertEquals(304, call("GET", new String[] {"If-None-Match", "\"v0\"", "If-None-Match", "\"v1\""},
                validators).statusCode());
        assertEquals(200, call("GET", new String[0], validators).statusCode());
    }
}
