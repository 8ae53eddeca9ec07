package dev.webcache.annotation;

import dev.webcache.cache.Caches;
import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.engine.PageEngine;
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
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link CachePage} to the servlets of a web application, as a pair of filters that webcache's start-up
 * registers for every URL: the update half before the filters the application declares (it stores the response
 * with its final headers) and the fetch half after them (it answers from a stored page once the application's
 * filters have seen the request). At {@link #init} the servlet registrations are final: each half reads the
 * annotations of every servlet class once, however the servlet was declared. A request for a servlet without
 * {@code @CachePage} costs a map look-up by servlet name.
 */
public final class CachePageFilter implements Filter {
    /** The registration names of the two halves. */
    public static final String UPDATE_NAME = "dev.webcache.CachePage.update";
    public static final String FETCH_NAME = "dev.webcache.CachePage.fetch";
    private static final Logger LOG = LoggerFactory.getLogger(CachePageFilter.class);

    private final boolean updateHalf;
    private final Engines shared;
    private volatile Map<String, PageEngine> engines = Map.of();

    private CachePageFilter(boolean updateHalf, Engines shared) {
        this.updateHalf = updateHalf;
        this.shared = shared;
    }

    /** Registers both halves for all URLs of the context (requests only), unless they are registered already. */
    public static void register(ServletContext context) {
        Engines shared = new Engines();
        add(context, UPDATE_NAME, new CachePageFilter(true, shared), false);
        add(context, FETCH_NAME, new CachePageFilter(false, shared), true);
    }

    /** The engines of both halves: one per annotated servlet, so its counters and MBean are the servlet's. */
    private static final class Engines {
        private Map<String, PageEngine> byServlet;

        synchronized Map<String, PageEngine> get(ServletContext context) throws ServletException {
            if (byServlet == null) {
                byServlet = Map.copyOf(find(context));
                byServlet.forEach((servlet, engine) -> engine.registerMBean(context.getContextPath(), servlet));
            }
            return byServlet;
        }

        synchronized void close() {
            if (byServlet != null) {
                byServlet.values().forEach(PageEngine::unregisterMBean);
            }
        }
    }

    private static void add(ServletContext context, String name, CachePageFilter filter, boolean afterDeclared) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        if (registration != null) {
            registration.setAsyncSupported(true);
            registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), afterDeclared, "/*");
        }
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        engines = shared.get(config.getServletContext());
        if (updateHalf && !engines.isEmpty()) {
            LOG.info("webcache: @CachePage on servlets {}", new TreeSet<>(engines.keySet()));
        }
    }

    @Override
    public void destroy() {
        if (updateHalf) {
            shared.close();
        }
    }

    private static Map<String, PageEngine> find(ServletContext context) throws ServletException {
        Map<String, PageEngine> found = new HashMap<>();
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            Class<?> servletClass = ServletClasses.load(context, registration);
            CachePage annotation = servletClass == null ? null : annotation(servletClass, registration.getName());
            if (annotation != null) {
                found.put(registration.getName(), engine(context, annotation, registration.getName()));
            }
        }
        return found;
    }

    /** The annotation that applies to GET: on {@code doGet} (nearest declaration), else on the class. */
    private static CachePage annotation(Class<?> servletClass, String servletName) throws ServletException {
        for (Class<?> type = servletClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(CachePage.class) && !isDoGet(method)) {
                    throw new ServletException("servlet '" + servletName + "': @CachePage on " + type.getName() + "."
                            + method.getName() + " has no effect: put it on the class or on doGet (HEAD is answered"
                            + " from the GET page)");
                }
            }
        }
        for (Class<?> type = servletClass; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Method doGet = type.getDeclaredMethod("doGet", HttpServletRequest.class, HttpServletResponse.class);
                if (doGet.isAnnotationPresent(CachePage.class)) {
                    return doGet.getAnnotation(CachePage.class);
                }
                break;
            } catch (NoSuchMethodException e) {
                // declared higher up, if at all
            }
        }
        return servletClass.getAnnotation(CachePage.class);
    }

    private static boolean isDoGet(Method method) {
        return method.getName().equals("doGet") && method.getParameterCount() == 2
                && method.getParameterTypes()[0] == HttpServletRequest.class
                && method.getParameterTypes()[1] == HttpServletResponse.class;
    }

    private static PageEngine engine(ServletContext context, CachePage annotation, String servletName)
            throws ServletException {
        Caches caches = Caches.from(context);
        if (!caches.contains(annotation.cache())) {
            throw new ServletException("servlet '" + servletName + "': @CachePage(cache = \"" + annotation.cache()
                    + "\") names no cache; configured caches: " + String.join(", ", caches.aliases()));
        }
        Duration timeout = Duration.ofSeconds(Math.max(0, annotation.timeout()));
        if (timeout.compareTo(PageCacheSettings.LONGEST_LIFETIME) > 0) {
            throw new ServletException("servlet '" + servletName + "': @CachePage(timeout = " + annotation.timeout()
                    + ") is not allowed; use a number of seconds from 0 to "
                    + PageCacheSettings.LONGEST_LIFETIME.getSeconds() + " (a year)");
        }
        PageCacheSettings settings = PageCacheSettings.builder().cacheAlias(annotation.cache())
                .keyPrefix(annotation.keyPrefix()).defaultTimeout(timeout).pageTimeout(timeout)
                .tokens(List.of(annotation.tokens())).build();
        return new PageEngine(context, settings);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Map<String, PageEngine> known = engines;
        if (!known.isEmpty() && request instanceof HttpServletRequest http
                && response instanceof HttpServletResponse httpResponse) {
            PageEngine engine = known.get(http.getHttpServletMapping().getServletName());
            if (engine != null) {
                if (updateHalf) {
                    engine.update(http, httpResponse, chain);
                } else {
                    engine.fetch(http, httpResponse, chain);
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
