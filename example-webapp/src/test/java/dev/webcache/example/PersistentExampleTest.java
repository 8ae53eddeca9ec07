package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's warm-restart mode on Tomcat 10.1: its configuration ({@code src/persistent/resources}, with the
 * directory Maven writes in for {@code -Dwebcache.example.disk-path}) keeps the page cache on disk, so a page
 * rendered before a restart is a hit after it.
 */
class PersistentExampleTest {
    @TempDir
    Path disk;
    @TempDir
    Path configurationDirectory;

    @Test
    void aPageRenderedBeforeARestartIsAHitAfterIt() throws Exception {
        String template = Files.readString(Path.of("src/persistent/resources/webcache-persistent.properties"),
                StandardCharsets.UTF_8);
        assertTrue(template.contains("${webcache.example.disk-path}"), template);
        Path configuration = Files.writeString(configurationDirectory.resolve("webcache-persistent.properties"),
                template.replace("${webcache.example.disk-path}", disk.toString()), StandardCharsets.UTF_8);
        HttpResponse<String> first;
        int port;
        try (TomcatServer server = TomcatServer.start(0, configuration)) {
            port = server.port();
            first = server.get("/page-cache/index.jsp");
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("MISS", first.headers().firstValue("X-Cache").orElse(null));
        }
        try (TomcatServer server = TomcatServer.start(port, configuration)) {
            HttpResponse<String> afterRestart = server.get("/page-cache/index.jsp");
            assertEquals("HIT", afterRestart.headers().firstValue("X-Cache").orElse(null));
            assertEquals(first.body(), afterRestart.body(), "rendered before the restart");
        }
    }
}
