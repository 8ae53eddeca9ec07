package dev.webcache.web;

import dev.webcache.annotation.ServletHeadersFilter;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ImproperlyConfiguredException;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts webcache in every web application that has its jar: the container finds this initializer through
 * {@code META-INF/services}, so no web.xml line is needed. It builds the {@link Caches} registry from the
 * configuration (see {@link ConfigurationSource}), publishes it for {@link Caches#from}, and closes it when the
 * context is destroyed. A bad configuration fails the deployment with a message naming the property.
 *
 * <p>Tests may put a {@link Clock} in the context attribute {@value #CLOCK_ATTRIBUTE} before start-up to drive
 * expiry by hand.
 */
public final class WebcacheInitializer implements ServletContainerInitializer {
    /** Context attribute holding the {@link Clock} that caches use; the system clock when absent. */
    public static final String CLOCK_ATTRIBUTE = "dev.webcache.clock";
    private static final Logger LOG = LoggerFactory.getLogger(WebcacheInitializer.class);

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (context.getAttribute(Caches.CONTEXT_ATTRIBUTE) != null) {
            return;
        }
        Caches caches;
        try {
            ConfigurationSource source = ConfigurationSource.locate(context);
            Object clock = context.getAttribute(CLOCK_ATTRIBUTE);
            caches = Caches.fromProperties(source.load(), clock instanceof Clock c ? c : Clock.systemUTC());
            LOG.info("webcache started in {} from {}: caches {}", contextName(context), source.description(),
                    caches.aliases());
        } catch (ImproperlyConfiguredException e) {
            throw new ServletException(e.getMessage(), e);
        }
        context.setAttribute(Caches.CONTEXT_ATTRIBUTE, caches);
        context.addListener(new Closer(caches));
        ServletHeadersFilter.register(context, caches.clock());
    }

    private static String contextName(ServletContext context) {
        return context.getContextPath().isEmpty() ? "/" : context.getContextPath();
    }

    /** Closes the registry (and so every backend and its threads) when the application stops. */
    private record Closer(Caches caches) implements ServletContextListener {
        @Override
        public void contextDestroyed(ServletContextEvent event) {
            ServletContext context = event.getServletContext();
            if (context.getAttribute(Caches.CONTEXT_ATTRIBUTE) == caches) {
                context.removeAttribute(Caches.CONTEXT_ATTRIBUTE);
            }
            caches.close();
            LOG.info("webcache stopped in {}", contextName(context));
        }
    }
}
