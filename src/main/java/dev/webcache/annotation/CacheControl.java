package dev.webcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code @cache_control}: merges these directives into the {@code Cache-Control} the servlet sets, by the
 * rules of {@link dev.webcache.http.CacheControl#merge} (the lower {@code max-age} wins, {@code public} and
 * {@code private} replace each other, existing directives keep their place). Seconds default to {@code -1}, meaning
 * "not set"; at least one directive must be set.
 *
 * <pre>
 * &#64;CacheControl(maxAge = 3600, isPublic = true)
 * public class NewsServlet extends HttpServlet { ... }     // Cache-Control: max-age=3600, public
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CacheControl {
    /** {@code max-age} in seconds. */
    long maxAge() default -1;

    /** {@code s-maxage} in seconds (shared caches). */
    long sMaxAge() default -1;

    /** {@code private}. */
    boolean isPrivate() default false;

    /** {@code public}. */
    boolean isPublic() default false;

    /** {@code no-cache}. */
    boolean noCache() default false;

    /** {@code no-store}. */
    boolean noStore() default false;

    /** {@code must-revalidate}. */
    boolean mustRevalidate() default false;

    /** {@code proxy-revalidate}. */
    boolean proxyRevalidate() default false;

    /** {@code no-transform}. */
    boolean noTransform() default false;

    /** {@code immutable} (RFC 8246). */
    boolean immutable() default false;

    /** {@code stale-while-revalidate} in seconds (RFC 5861). */
    long staleWhileRevalidate() default -1;

    /** {@code stale-if-error} in seconds (RFC 5861). */
    long staleIfError() default -1;
}
