package dev.webcache.filter;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.engine.PageEngine;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;

/**
 * What the three page-cache filters share: the engine built from the init-params ({@code cache}, {@code timeout},
 * {@code key-prefix}, {@code max-entry-size}, {@code mode}, {@code lock-timeout}, {@code stale-while-revalidate},
 * {@code stale-if-error}, {@code x-cache-header}, {@code heuristic-limit} and {@code targeted-cache-control}
 * ({@code mode=shared} only); a bad one fails {@link #init}), its counters (also an MBean while the filter is in
 * service), and access to the page cache it stores into. Each filter is one way of calling the engine.
 */
public abstract class PageCacheFilter extends HttpFilter {
    private transient PageEngine engine;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        engine = FilterSettings.engine(config, supportsSharedMode());
        engine.registerMBean(config.getServletContext().getContextPath(), config.getFilterName());
    }

    /** Whether this filter may run with {@code mode=shared}. */
    boolean supportsSharedMode() {
        return false;
    }

    @Override
    public void destroy() {
        if (engine != null) {
            engine.unregisterMBean();
        }
    }

    /** The page cache this filter stores into (for invalidation and statistics of all its users). */
    public PageCache pageCache() {
        return engine.pageCache();
    }

    /** This filter's own counters, also published over JMX (see {@link dev.webcache.page.PageCacheMXBean}). */
    public PageCacheStatistics statistics() {
        return engine.statistics();
    }

    /** The engine configured by this filter's init-params. */
    protected PageEngine engine() {
        return engine;
    }
}
