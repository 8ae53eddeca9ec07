package dev.webcache.annotation;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the header annotations ({@link CacheControl}, {@link NeverCache}, {@link VaryOnHeaders},
 * {@link VaryOnCookie}) of the servlets of a web application. webcache's start-up registers it for every URL (after
 * the application's own filters, so theirs see the patched headers); at {@link #init} the servlet registrations are
 * final, and it reads the annotations of every servlet class once, however the servlet was declared
 * ({@code @WebServlet}, web.xml, {@code ServletContext.addServlet} with a class or an instance). An invalid annotation
 * fails the deployment, naming the servlet. Per request, a servlet without annotations costs one map look-up by
 * servlet name; JSPs and static files are such servlets.
 */
public final class ServletHeadersFilter implements Filter {
    /** The filter's registration name. */
    public static final String NAME = "dev.webcache.ServletHeadersFilter";
    private static final Logger LOG = LoggerFactory.getLogger(ServletHeadersFilter.class);

    private final Clock clock;
    private volatile Map<String, ServletHeaderRules> rules = Map.of();

    /** A filter that dates {@code Expires} by {@code clock}. */
    public ServletHeadersFilter(Clock clock) {
        this.clock = clock;
    }

    /** Registers a filter for all URLs of the context (requests and forwards), unless one is registered already. */
    public static void register(ServletContext context, Clock clock) {
        FilterRegistration.Dynamic registration = context.addFilter(NAME, new ServletHeadersFilter(clock));
        if (registration != null) {
            registration.setAsyncSupported(true);
            registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD), true,
                    "/*");
        }
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        Map<String, ServletHeaderRules> found = new HashMap<>();
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            Class<?> servletClass = ServletClasses.load(context, registration);
            if (servletClass == null) {
                continue;
            }
            try {
                ServletHeaderRules servletRules = ServletHeaderRules.of(servletClass);
                if (servletRules != null) {
                    found.put(registration.getName(), servletRules);
                }
            } catch (IllegalArgumentException e) {
                throw new ServletException("servlet '" + registration.getName() + "': " + e.getMessage(), e);
            }
        }
        rules = Map.copyOf(found);
        if (!found.isEmpty()) {
            LOG.info("webcache: header annotations on servlets {}", new TreeSet<>(found.keySet()));
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            ServletHeaderRules servletRules = rules.get(http.getHttpServletMapping().getServletName());
            if (servletRules != null) {
                HeaderPatch patch = servletRules.forMethod(http.getMethod());
                if (!patch.isEmpty()) {
                    chain.doFilter(request, new PatchingResponse(httpResponse, patch, clock));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
