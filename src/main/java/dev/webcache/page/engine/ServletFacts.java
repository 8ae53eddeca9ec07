package dev.webcache.page.engine;

import dev.webcache.http.CacheControl;
import dev.webcache.http.RequestDirectives;
import dev.webcache.http.TargetedCacheControl;
import dev.webcache.http.VaryHeaders;
import dev.webcache.page.PageCacheMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the snapshots the decisions take ({@link RequestFacts}, {@link ResponseFacts}) from live servlet objects,
 * once per decision. An application sends few distinct {@code Cache-Control} values, so parsed single lines are kept
 * (up to a bound) rather than parsed on every response.
 */
final class ServletFacts {
    private static final int PARSED_LINES_KEPT = 256;

    private final PageCacheMode mode;
    private final List<String> targetedFields;
    private final Map<String, CacheControl> parsedLines = new ConcurrentHashMap<>();

    /** @param targetedFields the targeted cache-control fields obeyed in shared mode */
    ServletFacts(PageCacheMode mode, List<String> targetedFields) {
        this.mode = mode;
        this.targetedFields = List.copyOf(targetedFields);
    }

    /** The request before its render: a session counts when the request named one that still exists. */
    RequestFacts beforeRender(HttpServletRequest request) {
        return new RequestFacts(request.getMethod(), RequestIdentity.of(request.getHeader("Authorization") != null,
                hasPrincipal(request), request.getRequestedSessionId() != null && request.isRequestedSessionIdValid()),
                directives(request));
    }

    /** The request after its render: a session the render created or touched counts too. */
    RequestFacts afterRender(HttpServletRequest request) {
        return new RequestFacts(request.getMethod(), RequestIdentity.of(request.getHeader("Authorization") != null,
                hasPrincipal(request), request.getSession(false) != null), directives(request));
    }

    private static boolean hasPrincipal(HttpServletRequest request) {
        return request.getUserPrincipal() != null || request.getRemoteUser() != null;
    }

    private RequestDirectives directives(HttpServletRequest request) {
        if (mode == PageCacheMode.ORIGIN) {
            return RequestDirectives.NONE;
        }
        return RequestDirectives.of(lines(request.getHeaders("Cache-Control")), lines(request.getHeaders("Pragma")));
    }

    /**
     * The response as the capture holds it now; one that streams already is not read further (an uncacheable
     * response, refused at its first byte, pays for its headers' snapshot once).
     */
    ResponseFacts response(CapturingResponse response) {
        if (!response.isHolding()) {
            return ResponseFacts.streamed(response.getStatus(), response.passThroughReason());
        }
        ResponseFacts.Body body = response.isCommitted() ? ResponseFacts.Body.COMMITTED : ResponseFacts.Body.HELD;
        return new ResponseFacts(response.getStatus(), cacheControl(response), mode == PageCacheMode.SHARED
                ? TargetedCacheControl.select(targetedFields, response::getHeaders) : null,
                VaryHeaders.parse(response.getHeaders("Vary")), response.setsCookie()
                        || response.containsHeader("Set-Cookie") || response.containsHeader("Set-Cookie2"),
                List.copyOf(response.getHeaders("Expires")), response.getHeader("Date"),
                response.getHeader("Last-Modified"), response.getHeader("ETag"), joined(response.getHeaders("Age")),
                body, response.passThroughReason(), response.lengthMismatch());
    }

    /** The response's {@code Cache-Control}, all lines as one. */
    CacheControl cacheControl(HttpServletResponse response) {
        Collection<String> lines = response.getHeaders("Cache-Control");
        if (lines.isEmpty()) {
            return CacheControl.EMPTY;
        }
        if (lines.size() > 1) {
            return CacheControl.parse(lines);
        }
        String line = lines.iterator().next();
        CacheControl parsed = parsedLines.get(line);
        if (parsed == null) {
            parsed = CacheControl.parse(line);
            if (parsedLines.size() < PARSED_LINES_KEPT) {
                parsedLines.putIfAbsent(line, parsed);
            }
        }
        return parsed;
    }

    /**
     * The response's header lines in order, {@code Content-Type} included even where the container keeps it apart,
     * and {@code leftOut} (the engine's own {@code X-Cache}) left out.
     */
    static List<String[]> headerLines(HttpServletResponse response, String leftOut) {
        List<String[]> lines = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (leftOut != null) {
            seen.add(leftOut);
        }
        for (String name : response.getHeaderNames()) {
            if (seen.add(name)) {
                for (String value : response.getHeaders(name)) {
                    lines.add(new String[] {name, value});
                }
            }
        }
        String contentType = response.getContentType();
        if (contentType != null && !seen.contains("Content-Type")) {
            lines.add(new String[] {"Content-Type", contentType});
        }
        return lines;
    }

    private static String joined(Collection<String> lines) {
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    private static List<String> lines(Enumeration<String> lines) {
        return lines == null ? List.of() : Collections.list(lines);
    }
}
