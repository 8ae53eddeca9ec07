package dev.webcache.annotation;

import dev.webcache.http.CacheControl;
import dev.webcache.http.HttpDates;
import dev.webcache.http.VaryHeaders;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The response an annotated servlet writes to. The patched headers are in the real response from the start, so they
 * are there whenever it commits (a large body, {@code flushBuffer}, {@code sendError}, {@code sendRedirect}); and
 * each time the servlet sets one of those headers, the wrapper remembers the servlet's own value and writes the merge
 * of it with the patch. The servlet reads back its own values, as if the annotation were applied after it returned.
 */
final class PatchingResponse extends HttpServletResponseWrapper {
    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String EXPIRES = "Expires";
    private static final String VARY = "Vary";

    private final HeaderPatch patch;
    private final Clock clock;
    /** The servlet's own lines of each patched header, by case-insensitive name. */
    private final Map<String, List<String>> own = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    PatchingResponse(HttpServletResponse response, HeaderPatch patch, Clock clock) {
        super(response);
        this.patch = patch;
        this.clock = clock;
        if (!patch.cacheControl().isEmpty()) {
            own.put(CACHE_CONTROL, new ArrayList<>(response.getHeaders(CACHE_CONTROL)));
        }
        if (patch.expiresNow()) {
            own.put(EXPIRES, new ArrayList<>(response.getHeaders(EXPIRES)));
        }
        if (!patch.vary().isEmpty()) {
            own.put(VARY, new ArrayList<>(response.getHeaders(VARY)));
        }
        apply();
    }

    private void apply() {
        if (isCommitted()) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (!patch.cacheControl().isEmpty()) {
            response.setHeader(CACHE_CONTROL, CacheControl.parse(own.get(CACHE_CONTROL)).merge(patch.cacheControl())
                    .toString());
        }
        if (patch.expiresNow()) {
            List<String> expires = own.get(EXPIRES);
            if (expires.isEmpty()) {
                response.setHeader(EXPIRES, HttpDates.format(clock.instant()));
            } else {
                response.setHeader(EXPIRES, expires.get(0));
                expires.subList(1, expires.size()).forEach(value -> response.addHeader(EXPIRES, value));
            }
        }
        if (!patch.vary().isEmpty()) {
            response.setHeader(VARY, VaryHeaders.parse(own.get(VARY)).plus(patch.vary()).toString());
        }
    }

    /** The servlet's own lines of a patched header; {@code null} for a header the patch leaves alone. */
    private List<String> ownValues(String name) {
        return name == null ? null : own.get(name);
    }

    @Override
    public void setHeader(String name, String value) {
        List<String> values = ownValues(name);
        if (values == null) {
            super.setHeader(name, value);
            return;
        }
        values.clear();
        if (value != null) {
            values.add(value);
        }
        apply();
    }

    @Override
    public void addHeader(String name, String value) {
        List<String> values = ownValues(name);
        if (values == null) {
            super.addHeader(name, value);
            return;
        }
        if (value != null) {
            values.add(value);
        }
        apply();
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (ownValues(name) != null) {
            setHeader(name, HttpDates.format(Instant.ofEpochMilli(date)));
        } else {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (ownValues(name) != null) {
            addHeader(name, HttpDates.format(Instant.ofEpochMilli(date)));
        } else {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (ownValues(name) != null) {
            setHeader(name, Integer.toString(value));
        } else {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (ownValues(name) != null) {
            addHeader(name, Integer.toString(value));
        } else {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public boolean containsHeader(String name) {
        List<String> values = ownValues(name);
        return values == null ? super.containsHeader(name) : !values.isEmpty();
    }

    @Override
    public String getHeader(String name) {
        List<String> values = ownValues(name);
        if (values == null) {
            return super.getHeader(name);
        }
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        List<String> values = ownValues(name);
        return values == null ? super.getHeaders(name) : List.copyOf(values);
    }

    @Override
    public void reset() {
        super.reset();
        own.values().forEach(List::clear);
        apply();
    }
}
