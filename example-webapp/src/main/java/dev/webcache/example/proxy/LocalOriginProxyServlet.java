package dev.webcache.example.proxy;

import dev.webcache.proxy.VerbatimProxyServlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The reverse proxy of the shared-mode demo: webcache's {@link VerbatimProxyServlet} (header lines kept as the
 * origin sent them) forwarding {@code /proxy/*} to this web app's own {@code /origin/*}, on whatever port it was
 * started on, so that the example needs no second process. A real deployment maps
 * {@link VerbatimProxyServlet.Transparent} with its {@code proxyTo} init-param instead.
 */
public class LocalOriginProxyServlet extends VerbatimProxyServlet {
    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        String host = request.getLocalAddr();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String query = request.getQueryString();
        return "http://" + host + ":" + request.getLocalPort() + request.getContextPath() + "/origin" + path
                + (query == null ? "" : "?" + query);
    }
}
