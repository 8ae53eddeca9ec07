package dev.webcache.docs.headers;

import dev.webcache.http.CacheControl;
import dev.webcache.http.ConditionalRequest;
import dev.webcache.http.EntityTag;
import dev.webcache.headers.ResponseHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** The header helpers sample of docs/annotations.md. */
public class HeaderHelpersServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Clock clock = Clock.systemUTC();
        EntityTag etag = EntityTag.strong("v1");
        Instant lastModified = Instant.parse("2026-01-01T00:00:00Z");
        if (request.getParameter("never") != null) {
            // doc:never-cache-headers
            ResponseHeaders.addNeverCacheHeaders(response, clock);    // Django's add_never_cache_headers
            // end:never-cache-headers
            return;
        }
        // doc:header-helpers
        ResponseHeaders.patchCacheControl(response, CacheControl.builder().maxAge(60).cachePublic().build());
        ResponseHeaders.patchVaryHeaders(response, List.of("Accept-Language"));
        // Expires if absent, and max-age (the lower of the response's own and this one wins):
        ResponseHeaders.patchResponseHeaders(response, Duration.ofMinutes(10), clock);
        OptionalLong maxAge = ResponseHeaders.maxAge(response);                 // get_max_age
        boolean varies = ResponseHeaders.hasVaryHeader(response, "Cookie");
        ConditionalRequest.Outcome outcome = ResponseHeaders.evaluatePreconditions(request, etag, lastModified);
        if (outcome != ConditionalRequest.Outcome.PROCEED) {
            response.setStatus(outcome.status());                               // 304 for GET/HEAD, 412 otherwise
            return;
        }
        // end:header-helpers
        response.setHeader("ETag", etag.toString());
        response.getWriter().print("max-age " + maxAge.orElse(-1) + " varies " + varies);
    }
}
