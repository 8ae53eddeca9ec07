package dev.webcache.taglib;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.InvalidCacheBackendException;
import dev.webcache.cache.InvalidCacheKeyException;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.ServletContext;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.JspTagException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.JspFragment;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

/**
 * What both caching tags do: find the cache, look the fragment up, and on a miss render the body into a buffer,
 * store it and write it out.
 *
 * <p>The tags are simple tags: the container creates a handler for every use and never pools it, so no attribute
 * of one use can leak into the next. The fragment is stored as characters and written through the page's own
 * writer, so it comes out in the page's encoding. A failing backend never fails the page: the body is rendered
 * uncached and the failure logged at most once a minute (logger {@code dev.webcache.taglib}).
 */
abstract class CachingTag extends SimpleTagSupport {
    /** The cache fragments use unless told otherwise, when configured (Django's alias). */
    static final String FRAGMENTS_ALIAS = "template_fragments";

    /** The tag as written, for messages, e.g. {@code <cache:fragment name="sidebar">}. */
    abstract String describe();

    /**
     * The registry looked up last, with its application and its fragment cache: every fragment of a page needs
     * them, and looking them up again (a context attribute, two aliases) was a measurable part of a hit. An
     * application restarted in the same context has a new registry; the old one's caches are closed and fail,
     * which {@link #outdated} then recognises.
     */
    private static volatile Registry last;

    /** A web application's registry and the cache its fragments use by default. */
    record Registry(ServletContext context, Caches caches, Cache fragments) {
    }

    /** The registry of the page's web application. */
    final Registry registry() {
        ServletContext context = ((PageContext) getJspContext()).getServletContext();
        Registry known = last;
        if (known != null && known.context == context) {
            return known;
        }
        Caches caches = Caches.from(context);
        known = new Registry(context, caches,
                caches.contains(FRAGMENTS_ALIAS) ? caches.get(FRAGMENTS_ALIAS) : caches.getDefault());
        last = known;
        return known;
    }

    /** Whether {@code caches} is no longer the application's registry (it restarted); it is then forgotten. */
    private boolean outdated(Caches caches) {
        ServletContext context = ((PageContext) getJspContext()).getServletContext();
        if (context.getAttribute(Caches.CONTEXT_ATTRIBUTE) == caches) {
            return false;
        }
        last = null;
        return true;
    }

    /**
     * The cache named {@code using}, or when it is {@code null} or empty (what EL makes of a missing value) the
     * {@value #FRAGMENTS_ALIAS} cache if configured, else {@code default}.
     *
     * @throws JspTagException naming the tag and the alias when no such cache is configured
     */
    final Cache fragmentCache(Registry registry, String using) throws JspTagException {
        if (using == null || using.isEmpty()) {
            return registry.fragments;
        }
        Caches caches = registry.caches;
        try {
            return caches.get(using);
        } catch (InvalidCacheBackendException e) {
            throw new JspTagException(describe() + ": using=\"" + using + "\" names no configured cache; configured"
                    + " caches: " + String.join(", ", caches.aliases()));
        }
    }

    /**
     * Writes the fragment stored under {@code key}, or renders the body, stores it and writes it. With tokens the
     * fragment is stored stamped with the sum of their counters (kept in the {@code default} cache, so that one
     * {@code incr} reaches fragments in every cache) and used only while that sum is unchanged.
     *
     * @param timeout {@code null} for the cache's default timeout
     */
    final void render(Caches caches, Cache cache, String key, List<String> tokens, Duration timeout)
            throws JspException, IOException {
        Object cached = null;
        long version = 0;
        boolean backendWorks = true;
        try {
            if (tokens.isEmpty()) {
                cached = cache.get(key);
            } else {
                version = TokenCounters.of(caches.getDefault()).sum(tokens);
                cached = TokenCounters.of(cache).getVersioned(key, version);
            }
        } catch (InvalidCacheKeyException e) {
            throw new JspTagException(describe() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (outdated(caches)) {
                doTag();
                return;
            }
            backendWorks = false;
            backendFailed(caches, e);
        }
        if (cached instanceof String text) {
            getJspContext().getOut().write(text);
            return;
        }
        String rendered = renderBody();
        if (backendWorks) {
            try {
                store(cache, key, rendered, tokens, version, timeout);
            } catch (RuntimeException e) {
                backendFailed(caches, e);
            }
        }
        getJspContext().getOut().write(rendered);
    }

    private static void store(Cache cache, String key, String rendered, List<String> tokens, long version,
                              Duration timeout) {
        if (tokens.isEmpty()) {
            if (timeout == null) {
                cache.set(key, rendered);
            } else {
                cache.set(key, rendered, timeout);
            }
        } else if (timeout == null) {
            TokenCounters.of(cache).setVersioned(key, rendered, version);
        } else {
            TokenCounters.of(cache).setVersioned(key, rendered, version, timeout);
        }
    }

    /** The body's output; an exception in the body propagates and nothing is stored. */
    private String renderBody() throws JspException, IOException {
        JspFragment body = getJspBody();
        if (body == null) {
            return "";
        }
        StringWriter buffer = new StringWriter();
        body.invoke(buffer);
        return buffer.toString();
    }

    private void backendFailed(Caches caches, RuntimeException e) {
        FailureLog.warn(caches, describe() + ": the cache failed, so the fragment is rendered uncached: " + e, e);
    }
}
