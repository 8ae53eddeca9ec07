/**
 * The whole-page cache filters, configured by init-params in web.xml: {@link dev.webcache.filter.CacheFilter}
 * (both halves in one), or the pair {@link dev.webcache.filter.UpdateCacheFilter} (first) and
 * {@link dev.webcache.filter.FetchFromCacheFilter} (last), Django's cache middleware. They delegate to the engine
 * in {@code dev.webcache.page}.
 */
package dev.webcache.filter;
