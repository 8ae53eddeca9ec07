package dev.webcache.page.engine;

import dev.webcache.http.HttpDates;
import dev.webcache.page.store.StoredPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The client's request as passed down the chain to revalidate a stored page (RFC 9111 section 4.3.1): the client's
 * own preconditions are replaced by {@code If-None-Match} with the stored {@code ETag} and {@code If-Modified-Since}
 * with the stored {@code Last-Modified}, so that a 304 from the chain speaks about the stored page. The client's own
 * preconditions are then evaluated by the cache against the freshened page. A {@code Range} is set aside too (with
 * its {@code If-Range} gone it would no longer be conditional): the cache answers with the whole representation.
 */
final class RevalidationRequest extends HttpServletRequestWrapper {
    private static final Set<String> SET_ASIDE = caseInsensitive("If-Match", "If-None-Match",
            "If-Modified-Since", "If-Unmodified-Since", "If-Range", "Range");

    private final Map<String, String> conditions = new LinkedHashMap<>();

    RevalidationRequest(HttpServletRequest request, StoredPage stored) {
        super(request);
        if (stored.etag() != null) {
            conditions.put("If-None-Match", stored.etag());
        }
        if (stored.lastModified() != null) {
            conditions.put("If-Modified-Since", stored.lastModified());
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, names);
        return set;
    }

    private String condition(String name) {
        for (Map.Entry<String, String> entry : conditions.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public String getHeader(String name) {
        if (SET_ASIDE.contains(name)) {
            return condition(name);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (SET_ASIDE.contains(name)) {
            String value = condition(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        Enumeration<String> own = super.getHeaderNames();
        while (own != null && own.hasMoreElements()) {
            String name = own.nextElement();
            if (!SET_ASIDE.contains(name)) {
                names.add(name);
            }
        }
        names.addAll(conditions.keySet());
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        if (SET_ASIDE.contains(name)) {
            String value = condition(name);
            return value == null ? -1 : HttpDates.parse(value).map(Instant::toEpochMilli)
                    .orElseThrow(() -> new IllegalArgumentException("not an HTTP date: " + value));
        }
        return super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        if (SET_ASIDE.contains(name)) {
            String value = condition(name);
            return value == null ? -1 : Integer.parseInt(value);
        }
        return super.getIntHeader(name);
    }
}
