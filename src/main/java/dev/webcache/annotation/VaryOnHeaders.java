package dev.webcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code @vary_on_headers}: adds these request header names to the response's {@code Vary}, keeping what
 * the servlet put there and skipping names already present in any case; {@code *} makes it {@code Vary: *}.
 *
 * <pre>
 * &#64;VaryOnHeaders({"Accept-Language", "User-Agent"})
 * public class HomeServlet extends HttpServlet { ... }
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface VaryOnHeaders {
    /** The header names; at least one. */
    String[] value();
}
