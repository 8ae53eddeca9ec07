package dev.webcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code @never_cache}: {@code Expires} now (unless the servlet set one) and
 * {@code max-age=0, no-cache, no-store, must-revalidate, private} merged into {@code Cache-Control}. It decides
 * {@code Cache-Control} like {@link CacheControl}, so the two cannot annotate the same element, and one on a method
 * overrides the other on the class.
 *
 * <pre>
 * &#64;NeverCache
 * public class AccountServlet extends HttpServlet { ... }
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NeverCache {
}
