package dev.webcache.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Binds webcache's meters the way the documentation shows, to a registry the test reads. */
public class MetricsListener implements ServletContextListener {
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private WebcacheMetrics metrics;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        metrics = new WebcacheMetrics(event.getServletContext());
        metrics.bindTo(REGISTRY);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        metrics.close();
    }
}
