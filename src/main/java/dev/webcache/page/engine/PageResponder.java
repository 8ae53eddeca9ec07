package dev.webcache.page.engine;

import dev.webcache.headers.RequestHeaders;
import dev.webcache.headers.ResponseHeaders;
import dev.webcache.http.AcceptEncoding;
import dev.webcache.http.HttpDates;
import dev.webcache.page.store.StoredPage;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a stored page to a client: 304 or 412 when the request's preconditions say so (RFC 9110 section 13.2.2),
 * else the page (headers only for HEAD), with {@code Age}, or the byte range a GET asks for ({@link RangeResponder});
 * a gzip-stored body in the encoding the client accepts, from the page's shared direct copy when the container
 * writes buffers ({@link ContainerOutput}).
 */
final class PageResponder {
    private static final int ACCEPT_ENCODINGS_KEPT = 256;

    private final Clock clock;
    private final Map<String, Boolean> acceptsGzip = new ConcurrentHashMap<>();

    PageResponder(Clock clock) {
        this.clock = clock;
    }

    /** @return the status sent */
    int send(HttpServletRequest request, HttpServletResponse response, StoredPage page) throws IOException {
        long now = clock.millis();
        boolean gzip = page.gzipped() && acceptsGzip(request);
        int status = preconditionStatus(request, page, gzip);
        if (status == 304) {
            response.setStatus(304);
            for (int i = 0; i < page.headerCount(); i++) {
                if (page.isNotModifiedHeader(i)) {
                    putHeader(response, page, i);
                }
            }
            if (page.etag(gzip) != null) {
                response.setHeader("ETag", page.etag(gzip));
            }
            response.setHeader("Age", page.age(now));
            return 304;
        }
        if (status == 412) {
            response.setStatus(412);
            response.setContentLength(0);
            return 412;
        }
        int partial = RangeResponder.send(request, response, page, gzip, now);
        if (partial != 0) {
            return partial;
        }
        response.setStatus(page.status());
        for (int i = 0; i < page.headerCount(); i++) {
            putHeader(response, page, i);
        }
        if (page.etag(gzip) != null) {
            response.setHeader("ETag", page.etag(gzip));
        }
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setHeader("Age", page.age(now));
        response.setContentLengthLong(page.bodyLength(gzip));
        if (!"HEAD".equals(request.getMethod())) {
            writeBody(response.getOutputStream(), page, gzip);
        }
        return page.status();
    }

    /** Writes the body from the page's shared direct copy when the container takes buffers and there is one. */
    private static void writeBody(ServletOutputStream out, StoredPage page, boolean gzip) throws IOException {
        if (!ContainerOutput.write(out, page, gzip)) {
            page.writeBody(out, gzip);
        }
    }

    /** Whether the client accepts a gzip body. */
    boolean acceptsGzip(HttpServletRequest request) {
        String header = RequestHeaders.joined(request, "Accept-Encoding");
        if (header == null) {
            return false;
        }
        Boolean known = acceptsGzip.get(header);
        if (known == null) {
            known = AcceptEncoding.acceptsGzip(header);
            if (acceptsGzip.size() < ACCEPT_ENCODINGS_KEPT) {
                acceptsGzip.putIfAbsent(header, known);
            }
        }
        return known;
    }

    static void putHeader(HttpServletResponse response, StoredPage page, int i) {
        if (page.isFirstOfName(i)) {
            response.setHeader(page.headerName(i), page.headerValue(i));
        } else {
            response.addHeader(page.headerName(i), page.headerValue(i));
        }
    }

    private static int preconditionStatus(HttpServletRequest request, StoredPage page, boolean gzip) {
        String ifModifiedSince = request.getHeader("If-Modified-Since");
        String ifUnmodifiedSince = request.getHeader("If-Unmodified-Since");
        if (ifModifiedSince == null && ifUnmodifiedSince == null && request.getHeader("If-None-Match") == null
                && request.getHeader("If-Match") == null) {
            return 200;
        }
        return ResponseHeaders.conditionalRequest(request).evaluate(page.parsedEtag(gzip),
                modifiedAt(page, ifModifiedSince != null && ifUnmodifiedSince == null)).status();
    }

    /**
     * What {@code If-Modified-Since} is compared with: the stored {@code Last-Modified}, or, for a request with only
     * that date condition, the stored {@code Date} when there is none (RFC 9111 section 4.3.2).
     */
    private static Instant modifiedAt(StoredPage page, boolean dateMayStandIn) {
        Instant lastModified = page.parsedLastModified();
        if (lastModified != null || !dateMayStandIn) {
            return lastModified;
        }
        List<String> dates = page.headerValues("Date");
        return dates.isEmpty() ? null : HttpDates.parse(dates.get(0)).orElse(null);
    }
}
