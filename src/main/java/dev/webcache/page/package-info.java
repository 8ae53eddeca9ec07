/**
 * The page cache's public face: {@link dev.webcache.page.PageCache} (invalidation and statistics of the pages stored
 * in one cache under one key prefix), {@link dev.webcache.page.PageTokens} (marking the page being rendered), the
 * configuration ({@link dev.webcache.page.PageCacheSettings}, {@link dev.webcache.page.PageCacheMode}), and what is
 * counted ({@link dev.webcache.page.PageCacheStatistics}, {@link dev.webcache.page.Refusal}, the MBean).
 *
 * <p>Below it, not API: {@code page.engine} runs every request of the filters and {@code @CachePage} through one flow
 * ({@code PageEngine}) that carries out two pure decisions on immutable snapshots ({@code ServePolicy} for what a
 * request gets, {@code StorePolicy} for what is stored), and {@code page.store} holds what is stored and how it is
 * found, free of servlets (keys, stored pages and their byte form, lookup and store). Dependencies run one way:
 * {@code filter, annotation -> page.engine -> page -> page.store -> core}.
 */
package dev.webcache.page;
