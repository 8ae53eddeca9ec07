package dev.webcache.example;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.tomcat.util.scan.StandardJarScanFilter;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * The example web app deployed, as a war would be, on a real embedded Tomcat 10.1 on an ephemeral port of
 * 127.0.0.1: {@code src/main/webapp} as the document root and the compiled classes as {@code WEB-INF/classes}, so
 * {@code @WebServlet} classes and webcache's initializer are found by Tomcat's own scanning.
 */
final class TomcatServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Tomcat tomcat;
    private final URI base;

    private TomcatServer(Tomcat tomcat, URI base) {
        this.tomcat = tomcat;
        this.base = base;
    }

    static TomcatServer start() throws Exception {
        return start(0, null);
    }

    /**
     * Starts the example on {@code port} (0: any free one) with the webcache configuration in
     * {@code configuration} instead of the embedded default (none when {@code null}); the file is served to the
     * application as {@code /WEB-INF/config/<name>}.
     */
    static TomcatServer start(int port, Path configuration) throws Exception {
        Path baseDir = Files.createTempDirectory("webcache-tomcat-");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);

        Context context = tomcat.addWebapp("", new File("src/main/webapp").getAbsolutePath());
        WebResourceRoot resources = new StandardRoot(context);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                new File("target/classes").getAbsolutePath(), "/"));
        if (configuration != null) {
            resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/config",
                    configuration.getParent().toAbsolutePath().toString(), "/"));
            context.addParameter("webcache.config", "/WEB-INF/config/" + configuration.getFileName());
        }
        context.setResources(resources);

        StandardJarScanner scanner = (StandardJarScanner) context.getJarScanner();
        scanner.setScanAllDirectories(true); // webcache's TLD is in a classes directory when the reactor builds it
        StandardJarScanFilter filter = new StandardJarScanFilter();
        filter.setDefaultTldScan(false);
        filter.setTldScan("jakarta.servlet.jsp.jstl-*.jar,webcache-*.jar,classes");
        filter.setDefaultPluggabilityScan(false);
        filter.setPluggabilityScan("webcache-*.jar,classes");
        scanner.setJarScanFilter(filter);

        tomcat.start();
        return new TomcatServer(tomcat, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return base.getPort();
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
