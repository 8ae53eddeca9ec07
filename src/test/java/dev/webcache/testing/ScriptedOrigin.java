package dev.webcache.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An origin server whose every response a test scripts: a second embedded Jetty on 127.0.0.1 (a bare core handler,
 * so nothing is added to the header lines the script gives: no {@code Date}, no {@code Server}), recording each
 * request it receives per path, so tests can assert how often a cache in front reached it and with what headers.
 *
 * <pre>
 * origin.on("/a", Reply.ok("hello").header("Cache-Control", "s-maxage=60"));
 * origin.on("/b", request -&gt; request.header("If-None-Match") != null ? Reply.status(304) : Reply.ok("x"));
 * assertEquals(1, origin.hits("/a"));
 * </pre>
 */
public final class ScriptedOrigin implements AutoCloseable {
    private final Server server;
    private final URI base;
    private final Map<String, Function<Recorded, Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Recorded>> received = new ConcurrentHashMap<>();

    private ScriptedOrigin(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /** Starts an origin answering 404 to every path until scripted. */
    public static ScriptedOrigin start() throws Exception {
        Server server = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendDateHeader(false);
        configuration.setSendServerVersion(false);
        configuration.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ScriptedOrigin[] self = new ScriptedOrigin[1];
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                self[0].answer(request, response, callback);
                return true;
            }
        });
        server.start();
        self[0] = new ScriptedOrigin(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        return self[0];
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash (a proxy's {@code proxyTo}). */
    public URI base() {
        return base;
    }

    /** Answers every request for {@code path} (as sent, query included) with {@code reply}. */
    public void on(String path, Reply reply) {
        on(path, request -> reply);
    }

    /** Answers every request for {@code path} with what {@code script} makes of it. */
    public void on(String path, Function<Recorded, Reply> script) {
        scripts.put(path, script);
    }

    /** How many requests for {@code path} arrived. */
    public int hits(String path) {
        return requests(path).size();
    }

    /** The requests for {@code path} that arrived, oldest first. */
    public List<Recorded> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** The last request for {@code path}. */
    public Recorded lastRequest(String path) {
        List<Recorded> requests = requests(path);
        if (requests.isEmpty()) {
            throw new AssertionError("no request for " + path + " reached the origin");
        }
        return requests.get(requests.size() - 1);
    }

    private void answer(Request request, Response response, Callback callback) throws InterruptedException {
        String path = request.getHttpURI().getPathQuery();
        List<String[]> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new String[] {field.getName(), field.getValue()});
        }
        Recorded recorded = new Recorded(request.getMethod(), path, headers);
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(recorded);
        Reply reply = scripts.getOrDefault(path, r -> Reply.status(404)).apply(recorded);
        if (!reply.delay.isZero()) {
            Thread.sleep(reply.delay.toMillis());
        }
        response.setStatus(reply.status);
        for (String[] header : reply.headers) {
            response.getHeaders().add(header[0], header[1]);
        }
        boolean bodiless = reply.status == 204 || reply.status == 304 || reply.status < 200;
        if (!bodiless) {
            response.getHeaders().put("Content-Length", Integer.toString(reply.body.length));
        }
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, bodiless || head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body), callback);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** A request as the origin received it. */
    public record Recorded(String method, String path, List<String[]> headers) {
        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }
    }

    /** A scripted response: status, header lines in order, body, and an optional delay before it is sent. */
    public static final class Reply {
        private final int status;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private Duration delay = Duration.ZERO;

        private Reply(int status) {
            this.status = status;
        }

        public static Reply status(int status) {
            return new Reply(status);
        }

        /** 200 with a {@code text/plain} body. */
        public static Reply ok(String body) {
            return status(200).header("Content-Type", "text/plain;charset=utf-8").body(body);
        }

        /** Adds a header line (several lines of one name stay several lines). */
        public Reply header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Reply body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Reply delay(Duration delay) {
            this.delay = delay;
            return this;
        }
    }
}
