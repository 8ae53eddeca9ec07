import dev.webcache.filter.CacheFilter;
import dev.webcache.proxy.VerbatimProxyServlet;
import dev.webcache.web.WebcacheInitializer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The caching reverse proxy the conformance run measures: an embedded Jetty on 127.0.0.1, {@code CacheFilter} with
 * {@code mode=shared} and default settings, in front of the proxy servlet of the recipe forwarding to the suite's
 * server. Arguments: the port to listen on, the origin's base URL. Prints "ready" once it serves.
 */
public final class ConformanceProxy {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new WebcacheInitializer());
        ServletHolder proxy = new ServletHolder("proxy", VerbatimProxyServlet.Transparent.class);
        proxy.setInitParameter("proxyTo", args[1]);
        proxy.setAsyncSupported(true);
        context.addServlet(proxy, "/*");
        FilterHolder cache = new FilterHolder(CacheFilter.class);
        cache.setName("shared-cache");
        cache.setInitParameter("mode", "shared");
        cache.setAsyncSupported(true);
        context.addFilter(cache, "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        System.out.println("ready");
        server.join();
    }
}
