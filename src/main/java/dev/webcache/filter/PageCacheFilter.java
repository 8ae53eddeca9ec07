package dev.webcache.filter;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCaching;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;

/**
 * What the three page-cache filters share: the engine built from the init-params ({@code cache}, {@code timeout},
 * {@code key-prefix}, {@code max-entry-size}, {@code mode}; a bad one fails {@link #init}), and access to the page
 * cache it stores into. Each filter is one way of calling the engine.
 */
public abstract class PageCacheFilter extends HttpFilter {
    private transient PageCaching engine;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        engine = FilterSettings.engine(config, supportsSharedMode());
    }

    /** Whether this filter may run with {@code mode=shared}. */
    boolean supportsSharedMode() {
        return false;
    }

    /** The page cache this filter stores into (for invalidation and statistics). */
    public PageCache pageCache() {
        return engine.pageCache();
    }

    /** The engine configured by this filter's init-params. */
    protected PageCaching engine() {
        return engine;
    }
}
