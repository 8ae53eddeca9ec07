package dev.webcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code @vary_on_cookie}: adds {@code Cookie} to the response's {@code Vary}, for pages that depend on who
 * is asking. Combines with {@link VaryOnHeaders}.
 *
 * <pre>
 * &#64;VaryOnCookie
 * public class DashboardServlet extends HttpServlet { ... }
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface VaryOnCookie {
}
