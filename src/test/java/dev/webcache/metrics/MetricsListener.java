package dev.webcache.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Binds webcache's meters exactly as docs/metrics.md shows (its code block is this class's body), to a registry
 * the test reads. The test application declares it in web.xml: classes on the test class path are not scanned.
 */
@WebListener
public class MetricsListener implements ServletContextListener {
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private final MeterRegistry registry = REGISTRY;
    private WebcacheMetrics metrics;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        metrics = new WebcacheMetrics(event.getServletContext());
        metrics.bindTo(registry);               // your PrometheusMeterRegistry, Metrics.globalRegistry, ...
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        metrics.close();                        // removes its meters and stops following the MBeans
    }
}
