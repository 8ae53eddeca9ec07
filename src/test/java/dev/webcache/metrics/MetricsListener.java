package dev.webcache.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Binds webcache's meters exactly as docs/metrics.md shows (it quotes the marked region). The test application
 * declares it in web.xml (classes on the test class path are not scanned) and reads the global registry.
 */
// doc:metrics-listener
@WebListener
public class MetricsListener implements ServletContextListener {
    private final MeterRegistry registry = Metrics.globalRegistry;   // or the registry your application publishes
    private WebcacheMetrics metrics;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        metrics = new WebcacheMetrics(event.getServletContext());
        metrics.bindTo(registry);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        metrics.close();                        // removes its meters and stops following the MBeans
    }
}
// end:metrics-listener
