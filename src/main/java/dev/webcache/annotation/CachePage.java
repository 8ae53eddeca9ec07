package dev.webcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code cache_page}: caches the servlet's GET responses (HEAD is answered from them) for {@link #timeout}
 * seconds, whatever {@code max-age} the response carries, under the same store policy as the page-cache filters.
 * Put it on the servlet class or on its {@code doGet} (the method wins); no web.xml line is needed.
 *
 * <p>Unlike Django's decorator it runs as the site-wide filter pair does: the lookup happens after every other
 * filter of the request (so authentication filters still run before a hit is served), and the response is stored
 * after every other filter has finished with it, so a {@code Vary} header that an outer filter adds is part of the
 * key (Django #15855). When a site-wide page-cache filter also covers the servlet, {@code @CachePage} alone stores
 * the page (Django #25782 stored it twice).
 *
 * <pre>
 * &#64;CachePage(timeout = 900)
 * public class NewsServlet extends HttpServlet { ... }
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CachePage {
    /** Seconds a page is stored; it overrides the response's own lifetime. Zero or less: never stored. */
    int timeout();

    /** The cache alias (Django's {@code cache=}); {@code default} unless given. */
    String cache() default "default";

    /** The key prefix (Django's {@code key_prefix=}); empty unless given. */
    String keyPrefix() default "";

    /**
     * Tokens the page is marked with: it is stale as soon as the sum of their counters changes, as an
     * {@code <cache:icache>} fragment is ({@code dev.webcache.page.PageTokens} adds tokens known only while
     * rendering).
     */
    String[] tokens() default {};
}
