package dev.webcache.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real embedded Jetty 12 (ee10) serving one web application from {@code src/test/webapps/<name>} on an ephemeral
 * port of 127.0.0.1, with Jasper and JSTL, annotation scanning (so ServletContainerInitializers such as webcache's
 * are discovered as in production) and an HTTP client for it.
 *
 * <pre>
 * try (TestServer server = TestServer.webapp("minimal").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, clock).start()) {
 *     HttpResponse&lt;String&gt; response = server.get("/hello");
 * }
 * </pre>
 */
public final class TestServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Server server;
    private final WebAppContext context;
    private final URI base;

    private TestServer(Server server, WebAppContext context, URI base) {
        this.server = server;
        this.context = context;
        this.base = base;
    }

    /** A builder for the web application in {@code src/test/webapps/<name>}. */
    public static Builder webapp(String name) {
        return new Builder(Path.of("src/test/webapps", name).toAbsolutePath());
    }

    /** The HTTP client the tests share (HTTP/1.1, no redirects followed). */
    public static HttpClient client() {
        return CLIENT;
    }

    public WebAppContext context() {
        return context;
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** GET {@code path} with the given header name/value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** A request builder for {@code path} with the given header name/value pairs. */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Sends {@code request} and reads the body as a string. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} and keeps the body as bytes. */
    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The messages of a failure, its causes and what they suppressed, joined with {@code " | "}. */
    public static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
            for (Throwable suppressed : t.getSuppressed()) {
                messages.append(suppressed.getMessage()).append(" | ");
            }
        }
        return messages.toString();
    }

    /** Stops the web application but leaves the server running (what an undeploy does). */
    public void stopContext() throws Exception {
        context.stop();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Configures a {@link TestServer} before it starts. */
    public static final class Builder {
        private final Path webappDir;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final Map<String, String> initParameters = new LinkedHashMap<>();
        private Consumer<WebAppContext> customizer = context -> { };
        private int port;

        private Builder(Path webappDir) {
            if (!Files.isDirectory(webappDir)) {
                throw new IllegalArgumentException("no test web application at " + webappDir);
            }
            this.webappDir = webappDir;
        }

        /** A servlet context attribute set before the application starts (e.g. a clock). */
        public Builder attribute(String name, Object value) {
            attributes.put(name, value);
            return this;
        }

        /** A context parameter, as a {@code <context-param>} in web.xml would set it. */
        public Builder initParameter(String name, String value) {
            initParameters.put(name, value);
            return this;
        }

        /**
         * Makes these classes (with their nested classes) the application's own {@code WEB-INF/classes}, so that
         * Jetty scans them for {@code @WebServlet}, {@code @WebFilter} and {@code @WebListener} as in a deployed war.
         * Classes on the test class path are container classes, which Jetty never scans for those annotations. The
         * application loads its own copies of these classes.
         */
        public Builder webInfClasses(Class<?>... classes) {
            try {
                Path root = Files.createTempDirectory("webcache-classes-");
                for (Class<?> type : classes) {
                    Path compiled = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                    Path packageDir = compiled.resolve(type.getPackageName().replace('.', '/'));
                    Path target = Files.createDirectories(root.resolve(type.getPackageName().replace('.', '/')));
                    try (var files = Files.list(packageDir)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            String name = file.getFileName().toString();
                            if (name.equals(type.getSimpleName() + ".class")
                                    || name.startsWith(type.getSimpleName() + "$")) {
                                Files.copy(file, target.resolve(name));
                            }
                        }
                    }
                }
                return customize(context -> context.setExtraClasspath(root.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Listens on this port of 127.0.0.1 instead of an ephemeral one: an application started again where it ran
         * before sees the same URLs, so its stored pages have the same keys.
         */
        public Builder port(int fixedPort) {
            this.port = fixedPort;
            return this;
        }

        /** Anything else to do to the context before it starts (add servlets, filters...). */
        public Builder customize(Consumer<WebAppContext> customizer) {
            this.customizer = this.customizer.andThen(customizer);
            return this;
        }

        public TestServer start() throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);

            WebAppContext context = new WebAppContext();
            context.setContextPath("/");
            context.setBaseResourceAsPath(webappDir);
            context.setTempDirectory(Files.createTempDirectory("webcache-jetty-").toFile());
            // the TLDs and initializers on the container class path that the application may see: JSTL's and
            // webcache's own (main classes as a directory under Maven)
            context.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern",
                    ".*/jakarta\\.servlet\\.jsp\\.jstl-[^/]*\\.jar$|.*/target/classes/?$");
            context.setThrowUnavailableOnStartupException(true);
            attributes.forEach(context::setAttribute);
            initParameters.forEach(context::setInitParameter);
            customizer.accept(context);
            server.setHandler(context);
            try {
                server.start();
            } catch (Exception failure) {
                server.stop();
                throw failure;
            }
            URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
            return new TestServer(server, context, base);
        }
    }
}
