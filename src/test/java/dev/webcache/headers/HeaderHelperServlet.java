package dev.webcache.headers;

import dev.webcache.cache.Caches;
import dev.webcache.http.CacheControl;
import dev.webcache.http.ConditionalRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Sets the headers named by the query ({@code cc}, {@code expires}, {@code vary}, {@code etag}, {@code lm}), then
 * calls the {@link ResponseHeaders} helper named by {@code op} and writes what it returned, if anything.
 */
public class HeaderHelperServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Clock clock = Caches.from(getServletContext()).clock();
        for (String[] header : new String[][] {{"cc", "Cache-Control"}, {"expires", "Expires"}, {"vary", "Vary"},
                {"etag", "ETag"}, {"lm", "Last-Modified"}}) {
            for (String value : valuesOf(request, header[0])) {
                response.addHeader(header[1], value);
            }
        }
        String op = request.getParameter("op");
        String result = switch (op) {
            case "never" -> {
                ResponseHeaders.addNeverCacheHeaders(response, clock);
                yield "";
            }
            case "response" -> {
                ResponseHeaders.patchResponseHeaders(response,
                        Duration.ofSeconds(Long.parseLong(request.getParameter("timeout"))), clock);
                yield "";
            }
            case "cache-control" -> {
                ResponseHeaders.patchCacheControl(response, CacheControl.parse(request.getParameter("patch")));
                yield "";
            }
            case "vary" -> {
                ResponseHeaders.patchVaryHeaders(response, valuesOf(request, "name"));
                yield "";
            }
            case "has-vary" -> String.valueOf(ResponseHeaders.hasVaryHeader(response, request.getParameter("name")));
            case "max-age" -> String.valueOf(ResponseHeaders.maxAge(response));
            case "conditional" -> {
                ConditionalRequest.Outcome outcome = ResponseHeaders.evaluatePreconditions(request, response);
                response.setStatus(outcome.status());
                yield outcome.name();
            }
            default -> throw new IllegalArgumentException(op);
        };
        response.getWriter().print(result);
    }

    private static List<String> valuesOf(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }
}
