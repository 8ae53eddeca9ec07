/**
 * The page layer between the servlet adapters ({@code filter}, {@code annotation}, {@code web}) and the servlet-free
 * core: {@link dev.webcache.page.ResponseHeaders}, Django's {@code django.utils.cache} header helpers on an
 * {@code HttpServletResponse}, and RFC 9110 conditional request evaluation on an {@code HttpServletRequest}.
 *
 * <p>It is also the whole-page cache engine that the page-cache filters and {@code @CachePage} share:
 * {@link dev.webcache.page.PageCaching} (the update and fetch halves), one store policy for every
 * {@link dev.webcache.page.PageCacheMode}, the key scheme, immutable stored pages, the response capture, and
 * {@link dev.webcache.page.PageCache} for invalidation and statistics.
 */
package dev.webcache.page;
