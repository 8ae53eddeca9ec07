package dev.webcache.benchmarks;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nearcache.NearCacheStats;
import dev.webcache.cache.hazelcast.HazelcastBackendFactory;
import dev.webcache.filter.CacheFilter;
import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.web.WebcacheInitializer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The web application of the HTTP benchmark ({@code benchmarks/http-bench.sh}), on embedded Jetty 12 at
 * 127.0.0.1:{@code <port>}, with webcache started as in any web application. For each body size (2 KiB, 64 KiB):
 * <ul>
 * <li>{@code /limit/<size>}: a servlet writing a precomputed {@code byte[]}, no filter (the physical limit);</li>
 * <li>{@code /headers/<size>}: that servlet also setting the five header lines a hit adds (what the protocol costs
 * a hit, without the page cache);</li>
 * <li>{@code /hit/<size>}: the same servlet behind {@link CacheFilter}, so every request after the first is a hit
 * (also under {@code /hit/<size>/<anything>}, one stored page per URL);</li>
 * <li>{@code /pass/<size>}: a servlet writing the same bytes with {@code Cache-Control: private} (never stored)
 * behind {@link CacheFilter};</li>
 * <li>{@code /direct/<size>}: that servlet without the filter.</li>
 * </ul>
 * The {@code /hit} pages are HTML, so the page cache stores them gzip-compressed: a client sending
 * {@code Accept-Encoding: gzip} gets the stored bytes, others the body decompressed once.
 *
 * <p>The stampede scenario: {@code /stampede/on} and {@code /stampede/off} are an expensive page (20 ms of CPU per
 * render) that is fresh for one second ({@code max-age=1}), behind a {@link CacheFilter} with request coalescing
 * (the default {@code lock-timeout}) and one without ({@code lock-timeout=0}).
 *
 * <p>{@code /stats} reports the page cache's hits and stores and the renders of the {@code /limit} and {@code /hit}
 * servlets and of the stampede pages, so the harness can check that the hit runs measured hits (webcache's, and
 * those of an nginx {@code proxy_cache} in front of {@code /limit}) and count renders.
 *
 * <p>That application's page cache is webcache's default, one Ehcache on-heap cache.
 *
 * <p>With a second argument, {@code <cluster-port>}, two more applications serve the same pages from Hazelcast
 * (for {@code benchmarks/cluster-bench.sh}), each with a cache alias {@code default} (no near cache) behind
 * {@code /hit/<size>/*} and an alias {@code near} (near cache on) behind {@code /near/<size>/*}:
 * <ul>
 * <li>{@code /member}: an embedded member on port {@code cluster-port + 1} in a cluster with a standalone member on
 * {@code cluster-port} ({@link BenchClusterMembers}, another JVM), so about half the pages are owned remotely;</li>
 * <li>{@code /client}: a client of a one-member cluster on {@code cluster-port + 2} (every page remote).</li>
 * </ul>
 * Their {@code /stats?alias=...} adds the Hazelcast map's entries, the entries this JVM's member owns and the near
 * cache's hits.
 */
public final class HttpBenchServer {
    /**
     * The header lines a page-cache hit of {@code /hit} sends beyond the bare servlet's: what the page cache adds
     * (Django's {@code Expires} and {@code max-age}, the {@code Vary} of gzip storage, the stored {@code ETag},
     * {@code Age}), as fixed strings, as a hit replays them.
     */
    private static final String[] HIT_HEADERS = {"Expires", "Sun, 06 Dec 2026 03:26:29 GMT",
        "Cache-Control", "max-age=86400", "Vary", "Accept-Encoding", "ETag", "\"gO769r-Mx4tZu6Pjwem48I\"", "Age", "0"};

    private HttpBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18480;
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        if (args.length > 1) {
            int clusterPort = Integer.parseInt(args[1]);
            server.setHandler(new ContextHandlerCollection(clusterApplication(server, "/member", memberProperties(clusterPort),
                    () -> Hazelcast.getAllHazelcastInstances().iterator().next()),
                    clusterApplication(server, "/client", clientProperties(clusterPort),
                            () -> HazelcastClient.getAllHazelcastClients().iterator().next()),
                    application(server)));
        } else {
            server.setHandler(application(server));
        }
        server.start();
        System.out.println("HttpBenchServer listening on http://127.0.0.1:" + connector.getLocalPort() + "/ (Jetty "
                + Server.getVersion() + ", " + Runtime.getRuntime().availableProcessors() + " processors)");
        server.join();
    }

    /** The bench web application, for {@code server}. */
    static ServletContextHandler application(Server server) {
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new WebcacheInitializer());
        AtomicLong hitRenders = new AtomicLong();
        AtomicLong limitRenders = new AtomicLong();
        for (int kib : new int[] {2, 64}) {
            byte[] body = body(kib * 1024);
            context.addServlet(new BytesServlet(body, limitRenders), "/limit/" + kib + "k");
            context.addServlet(new BytesServlet(body, null, HIT_HEADERS), "/headers/" + kib + "k");
            context.addServlet(new BytesServlet(body, hitRenders), "/hit/" + kib + "k/*");
            context.addServlet(new BytesServlet(body, null, "Cache-Control", "private"), "/pass/" + kib + "k");
            context.addServlet(new BytesServlet(body, null, "Cache-Control", "private"), "/direct/" + kib + "k");
        }
        FilterHolder cache = addCacheFilter(context, "/hit/*", "timeout", "86400");
        context.addFilter(cache, "/pass/*", EnumSet.of(DispatcherType.REQUEST));
        AtomicLong coalescedRenders = new AtomicLong();
        AtomicLong uncoalescedRenders = new AtomicLong();
        byte[] stampedeBody = body(8 * 1024);
        context.addServlet(new ExpensiveServlet(stampedeBody, coalescedRenders), "/stampede/on");
        context.addServlet(new ExpensiveServlet(stampedeBody, uncoalescedRenders), "/stampede/off");
        addCacheFilter(context, "/stampede/on", "key-prefix", "on");
        addCacheFilter(context, "/stampede/off", "key-prefix", "off", "lock-timeout", "0");
        context.addServlet(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                PageCacheStatistics statistics = PageCache.from(getServletContext()).statistics();
                response.setContentType("text/plain");
                response.getWriter().print("hits=" + statistics.hits() + " stores=" + statistics.stores()
                        + " hit-renders=" + hitRenders.get() + " limit-renders=" + limitRenders.get()
                        + " stampede-on-renders=" + coalescedRenders.get()
                        + " stampede-off-renders=" + uncoalescedRenders.get() + " processors="
                        + Runtime.getRuntime().availableProcessors() + " threads=" + server.getThreadPool().getThreads()
                        + "\n");
            }
        }, "/stats");
        return context;
    }

    /** The embedded member's registry: it joins the standalone member on {@code clusterPort}. */
    private static Properties memberProperties(int clusterPort) {
        Properties properties = hazelcastProperties(BenchClusterMembers.MEMBER_CLUSTER);
        properties.setProperty("webcache.hazelcast.mode", "member");
        properties.setProperty("webcache.hazelcast.port", Integer.toString(clusterPort + 1));
        properties.setProperty("webcache.hazelcast.members",
                "127.0.0.1:" + clusterPort + ",127.0.0.1:" + (clusterPort + 1));
        return properties;
    }

    /** The client's registry: it connects to the one-member cluster on {@code clusterPort + 2}. */
    private static Properties clientProperties(int clusterPort) {
        Properties properties = hazelcastProperties(BenchClusterMembers.CLIENT_CLUSTER);
        properties.setProperty("webcache.hazelcast.mode", "client");
        properties.setProperty("webcache.hazelcast.members", "127.0.0.1:" + (clusterPort + 2));
        return properties;
    }

    private static Properties hazelcastProperties(String cluster) {
        Properties properties = new Properties();
        properties.setProperty("webcache.hazelcast.cluster-name", cluster);
        properties.setProperty("webcache.caches.default.backend", "hazelcast");
        properties.setProperty("webcache.caches.near.backend", "hazelcast");
        properties.setProperty("webcache.caches.near.near-cache", "true");
        return properties;
    }

    /**
     * A web application at {@code path} configured by {@code properties} (its {@code WEB-INF/webcache.properties}),
     * serving the hit pages from the cache alias {@code default} under {@code /hit/<size>/*} and from {@code near}
     * under {@code /near/<size>/*}.
     */
    static ServletContextHandler clusterApplication(Server server, String path, Properties properties,
                                                    Supplier<HazelcastInstance> hazelcast) throws IOException {
        Path root = Files.createTempDirectory("webcache-bench");
        Path webInf = Files.createDirectory(root.resolve("WEB-INF"));
        try (Writer out = Files.newBufferedWriter(webInf.resolve("webcache.properties"))) {
            properties.store(out, null);
        }
        root.toFile().deleteOnExit();
        webInf.toFile().deleteOnExit();
        webInf.resolve("webcache.properties").toFile().deleteOnExit();
        ServletContextHandler context = new ServletContextHandler(path);
        context.setBaseResourceAsPath(root);
        context.addServletContainerInitializer(new WebcacheInitializer());
        Map<String, AtomicLong> renders = Map.of("default", new AtomicLong(), "near", new AtomicLong());
        for (int kib : new int[] {2, 64}) {
            byte[] body = body(kib * 1024);
            context.addServlet(new BytesServlet(body, renders.get("default")), "/hit/" + kib + "k/*");
            context.addServlet(new BytesServlet(body, renders.get("near")), "/near/" + kib + "k/*");
        }
        addCacheFilter(context, "/hit/*", "timeout", "86400");
        addCacheFilter(context, "/near/*", "timeout", "86400", "cache", "near");
        context.addServlet(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String alias = request.getParameter("alias") == null ? "default" : request.getParameter("alias");
                PageCacheStatistics statistics = PageCache.from(getServletContext(), alias, "").statistics();
                IMap<Object, Object> map = hazelcast.get().getMap(HazelcastBackendFactory.MAP_PREFIX + alias);
                boolean member = !path.equals("/client");
                // a client's map has local statistics only when it has a near cache
                LocalMapStats local = member || alias.equals("near") ? map.getLocalMapStats() : null;
                NearCacheStats nearCache = local == null ? null : local.getNearCacheStats();
                response.setContentType("text/plain");
                response.getWriter().print("hits=" + statistics.hits() + " stores=" + statistics.stores()
                        + " hit-renders=" + renders.get(alias).get() + " entries=" + map.size()
                        + " owned=" + (member ? local.getOwnedEntryCount() : 0)
                        + " near-hits=" + (nearCache == null ? 0 : nearCache.getHits())
                        + " threads=" + server.getThreadPool().getThreads() + "\n");
            }
        }, "/stats");
        return context;
    }

    /** Maps a {@link CacheFilter} with these init-params (name, value, ...) to {@code pathSpec}. */
    private static FilterHolder addCacheFilter(ServletContextHandler context, String pathSpec, String... initParams) {
        FilterHolder filter = new FilterHolder(CacheFilter.class);
        for (int i = 0; i < initParams.length; i += 2) {
            filter.setInitParameter(initParams[i], initParams[i + 1]);
        }
        context.addFilter(filter, pathSpec, EnumSet.of(DispatcherType.REQUEST));
        return filter;
    }

    /** An HTML-like body of exactly {@code size} bytes. */
    private static byte[] body(int size) {
        StringBuilder html = new StringBuilder(size).append("<!DOCTYPE html><html><body><p>");
        for (int i = 0; html.length() < size; i++) {
            html.append("webcache benchmark line ").append(i).append('\n');
        }
        html.setLength(size);
        return html.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A page costing {@value #RENDER_CPU_NANOS} ns of CPU per render, fresh for one second. */
    private static final class ExpensiveServlet extends HttpServlet {
        private static final long RENDER_CPU_NANOS = 20_000_000;
        private final byte[] body;
        private final AtomicLong renders;

        ExpensiveServlet(byte[] body, AtomicLong renders) {
            this.body = body;
            this.renders = renders;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            renders.incrementAndGet();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + RENDER_CPU_NANOS;
            MessageDigest digest = sha256();
            while (threads.getCurrentThreadCpuTime() < until) {
                digest.update(body);
            }
            response.setContentType("text/html;charset=utf-8");
            response.setHeader("Cache-Control", "max-age=1");
            response.setHeader("X-Render-Digest", Integer.toHexString(digest.digest()[0] & 0xff));
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }

    /** Writes a precomputed body, optionally with a {@code Cache-Control} header, and may count its renders. */
    private static final class BytesServlet extends HttpServlet {
        private final byte[] body;
        /** Header names and values, in pairs, set on every response. */
        private final String[] headers;
        private final AtomicLong renders;

        BytesServlet(byte[] body, AtomicLong renders, String... headers) {
            this.body = body;
            this.headers = headers;
            this.renders = renders;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (renders != null) {
                renders.incrementAndGet();
            }
            response.setContentType("text/html;charset=utf-8");
            for (int i = 0; i < headers.length; i += 2) {
                response.setHeader(headers[i], headers[i + 1]);
            }
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
