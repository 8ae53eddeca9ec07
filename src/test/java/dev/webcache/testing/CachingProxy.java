package dev.webcache.testing;

import dev.webcache.filter.CacheFilter;
import dev.webcache.web.WebcacheInitializer;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import dev.webcache.proxy.VerbatimProxyServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * webcache as an embedded caching reverse proxy, as the README recipe sets it up:
 * {@link VerbatimProxyServlet.Transparent} forwarding every path to a {@link ScriptedOrigin}, behind a {@link CacheFilter}
 * with {@code mode=shared}, in a {@link TestServer}.
 */
public final class CachingProxy {
    private CachingProxy() {
    }

    /**
     * Starts the proxy in front of {@code origin}.
     *
     * @param filterParams more init-params of the cache filter, as name/value pairs
     */
    public static TestServer start(ScriptedOrigin origin, Clock clock, String... filterParams) throws Exception {
        return TestServer.webapp("shared").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, clock)
                .customize(context -> {
                    ServletHolder proxy = new ServletHolder("proxy", VerbatimProxyServlet.Transparent.class);
                    proxy.setInitParameter("proxyTo", origin.base().toString());
                    // a short upstream timeout, so that a test can script an origin that does not answer in time
                    proxy.setInitParameter("timeout", "2000");
                    proxy.setAsyncSupported(true);
                    context.addServlet(proxy, "/*");
                    FilterHolder cache = new FilterHolder(CacheFilter.class);
                    cache.setName("shared-cache");
                    cache.setInitParameter("mode", "shared");
                    for (int i = 0; i < filterParams.length; i += 2) {
                        cache.setInitParameter(filterParams[i], filterParams[i + 1]);
                    }
                    cache.setAsyncSupported(true);
                    context.addFilter(cache, "/*", EnumSet.of(DispatcherType.REQUEST));
                }).start();
    }
}
