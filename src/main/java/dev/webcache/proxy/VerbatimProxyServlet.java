package dev.webcache.proxy;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.ClientConnector;

/**
 * Jetty's blocking {@link ProxyServlet} that hands the upstream response's header lines to its client as they came:
 * each value byte for byte (Jetty's own copy re-joins list members, so {@code 1; mode=block} arrives as
 * {@code 1;mode=block}, and its client's header cache ignores case), several lines of one name as several lines,
 * and without the hop-by-hop fields (RFC 9110 section 7.6.1): {@code Connection}, the fields it names,
 * {@code Keep-Alive}, {@code Proxy-Connection}, {@code Proxy-Authenticate}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding} and {@code Upgrade}. What a shared cache in front of it stores is then what the origin
 * sent. Subclass it and override {@code rewriteTarget} to choose the upstream, or map {@link Transparent} with a
 * {@code proxyTo} init-param.
 */
public class VerbatimProxyServlet extends ProxyServlet {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    /**
     * Jetty's client with its header cache matching case-sensitively: a cached well-known line would otherwise stand
     * in for one that differs only in case ({@code MaX-aGe=3600} would arrive as {@code max-age=3600}).
     */
    @Override
    protected HttpClient newHttpClient(ClientConnector clientConnector) {
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(clientConnector);
        transport.setHeaderCacheCaseSensitive(true);
        return new HttpClient(transport);
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                           Response serverResponse) {
        Set<String> dropped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        dropped.addAll(HOP_BY_HOP);
        for (HttpField field : serverResponse.getHeaders()) {
            if (field.getName().equalsIgnoreCase("Connection")) {
                for (String name : field.getValue().split(",")) {
                    dropped.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<String> sent = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : serverResponse.getHeaders()) {
            String name = field.getName();
            String value = field.getValue();
            if (dropped.contains(name) || value == null) {
                continue;
            }
            if (sent.add(name)) {
                // replaces whatever the container set before (Date, Server...)
                proxyResponse.setHeader(name, value);
            } else {
                proxyResponse.addHeader(name, value);
            }
        }
    }

    /**
     * The transparent form: forwards every request to the server of the {@code proxyTo} init-param (required, such as
     * {@code http://backend.internal:8080}), with the path below the context path and the query unchanged.
     */
    public static class Transparent extends VerbatimProxyServlet {
        private String proxyTo;

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            String target = config.getInitParameter("proxyTo");
            if (target == null || target.isBlank()) {
                throw new UnavailableException("VerbatimProxyServlet.Transparent: init-param 'proxyTo' is required");
            }
            proxyTo = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        }

        @Override
        protected String rewriteTarget(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String query = request.getQueryString();
            URI target = URI.create(proxyTo + (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query))
                    .normalize();
            return validateDestination(target.getHost(), target.getPort()) ? target.toString() : null;
        }
    }
}
