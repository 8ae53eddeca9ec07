package dev.webcache.page.engine;

import dev.webcache.cache.ThrottledLog;
import dev.webcache.page.PageCache;
import dev.webcache.page.store.PageKeys;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Shared mode, RFC 9111 section 4.4: after a non-error response (2xx, 3xx) to an unsafe method (anything but GET,
 * HEAD, OPTIONS and TRACE, unknown methods included), every stored variant of the target URL is invalidated, and so
 * are the URLs in {@code Location} and {@code Content-Location} when they have the target's origin (scheme, host and
 * port). A response completed asynchronously is looked at when it completes.
 */
final class UnsafeMethodInvalidation {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final PageCache pageCache;
    private final ThrottledLog failures;

    UnsafeMethodInvalidation(PageCache pageCache, Clock clock) {
        this.pageCache = pageCache;
        this.failures = new ThrottledLog(LoggerFactory.getLogger(UnsafeMethodInvalidation.class), clock,
                ThrottledLog.DEFAULT_INTERVAL);
    }

    /** Whether the request is one whose success invalidates. */
    static boolean appliesTo(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST && !SAFE.contains(request.getMethod());
    }

    /**
     * Passes the request down the chain and invalidates what its response makes stale, before the client can have
     * read all of it (so that its next request finds the URL invalidated): when the body is first asked for, the
     * response flushed or redirected (status and headers are known by then), else when the chain returns or, if it
     * went asynchronous, when it completes. After a dispatch, when the container completes it.
     */
    void around(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AtomicBoolean done = new AtomicBoolean();
        Runnable invalidate = () -> {
            if (done.compareAndSet(false, true)) {
                afterResponse(request, response);
            }
        };
        HttpServletResponse invalidating = new InvalidatingResponse(response, invalidate);
        AsyncCapture async = new AsyncCapture(request, invalidating, storable -> invalidate.run(),
                () -> request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        invalidate.run();
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        // no response from the chain: nothing changed that we know of
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        // as above
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        event.getAsyncContext().addListener(this);
                    }
                }), () -> { });
        chain.doFilter(async, invalidating);
        if (!async.isStarted()) {
            invalidate.run();
        }
    }

    /** Runs the invalidation once the response's status and headers are settled, before its body goes out. */
    private static final class InvalidatingResponse extends HttpServletResponseWrapper {
        private final Runnable invalidate;

        InvalidatingResponse(HttpServletResponse response, Runnable invalidate) {
            super(response);
            this.invalidate = invalidate;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            invalidate.run();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            invalidate.run();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            invalidate.run();
            super.flushBuffer();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            setStatus(SC_FOUND);
            setHeader("Location", location);
            invalidate.run();
            super.sendRedirect(location);
        }
    }

    private void afterResponse(HttpServletRequest request, HttpServletResponse response) {
        int status = response.getStatus();
        if (status < 200 || status >= 400) {
            return;
        }
        try {
            URI target = URI.create(request.getRequestURL().toString());
            String query = request.getQueryString();
            String uri = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
            pageCache.invalidate(request, uri);
            invalidateSameOrigin(target, response.getHeader("Location"));
            invalidateSameOrigin(target, response.getHeader("Content-Location"));
        } catch (RuntimeException e) {
            failures.warn("page cache '" + pageCache.cache().alias() + "': invalidating after " + request.getMethod()
                    + " failed; stored pages of that URL may be served until they expire", e);
        }
    }

    private void invalidateSameOrigin(URI target, String reference) {
        if (reference == null || reference.isBlank()) {
            return;
        }
        String resolved;
        try {
            resolved = target.resolve(reference.strip()).toString();
            if (PageKeys.AbsoluteUrl.parse(resolved).origin()
                    .equals(PageKeys.AbsoluteUrl.parse(target.toString()).origin())) {
                pageCache.invalidate(resolved);
            }
        } catch (IllegalArgumentException e) {
            // not a URI reference, or not an http(s) one: nothing of this cache to invalidate
        }
    }
}
