package dev.webcache.example.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example's header demos on embedded Tomcat 10.1, the second container: the servlets are found by
 * {@code @WebServlet} in WEB-INF/classes and their annotations apply with no web.xml line.
 */
class HeaderAnnotationsTomcatTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Tomcat tomcat;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("webcache-tomcat-").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addWebapp("", Path.of("src/main/webapp").toAbsolutePath().toString());
        // the example's compiled classes are its WEB-INF/classes, as in the war, so @WebServlet is scanned
        WebResourceRoot resources = new StandardRoot(context);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                Path.of("target/classes").toAbsolutePath().toString(), "/"));
        context.setResources(resources);
        tomcat.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachAnnotationSetsItsHeaders() throws Exception {
        HttpResponse<String> cacheControl = get("headers/cache-control");
        assertEquals(200, cacheControl.statusCode());
        assertEquals(List.of("max-age=60, public"), cacheControl.headers().allValues("Cache-Control"));

        HttpResponse<String> never = get("headers/never-cache");
        assertEquals(List.of("max-age=0, no-cache, no-store, must-revalidate, private"),
                never.headers().allValues("Cache-Control"));
        assertEquals(1, never.headers().allValues("Expires").size());

        HttpResponse<String> language = get("headers/vary-on-headers", "Accept-Language", "fr");
        assertTrue(language.body().contains("Bonjour"), language.body());
        assertEquals(List.of("Accept-Language"), language.headers().allValues("Vary"));
        assertEquals(List.of("max-age=300, public"), language.headers().allValues("Cache-Control"));

        HttpResponse<String> cookie = get("headers/vary-on-cookie", "Cookie", "theme=dark");
        assertTrue(cookie.body().contains("Your theme: dark"), cookie.body());
        assertEquals(List.of("Cookie"), cookie.headers().allValues("Vary"));
        assertEquals(List.of("max-age=60, private"), cookie.headers().allValues("Cache-Control"));
    }
}
