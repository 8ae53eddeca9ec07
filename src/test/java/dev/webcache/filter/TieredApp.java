package dev.webcache.filter;

import dev.webcache.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The web application {@code src/test/webapps/tiers}: a page cache on the alias {@code pages} (heap, off-heap and a
 * persistent disk tier) and token counters in a persistent {@code default}, both in one directory. Its
 * configuration is written to a directory of its own that the application gets on its class path. {@link #main}
 * runs it in a JVM of its own for tests that kill it: {@code <configuration directory>}; it prints
 * {@value #READY} and its port, and ends when its standard input closes.
 */
public final class TieredApp {
    /** What {@link #main} prints, followed by the port, once the application serves. */
    public static final String READY = "TIERED APP READY ";

    private TieredApp() {
    }

    /** Writes the configuration, whose disk tiers live in {@code disk}, to {@code configuration}. */
    public static void configure(Path configuration, Path disk) throws IOException {
        String directory = disk.toAbsolutePath().toString();
        Files.writeString(configuration.resolve("webcache-tiers.properties"), String.join("\n",
                "webcache.caches.default.max-bytes = 1MB",
                "webcache.caches.default.disk = 8MB",
                "webcache.caches.default.disk-path = " + directory.replace("\\", "\\\\"),
                "webcache.caches.default.persistent = true",
                "webcache.caches.pages.max-bytes = 1MB",
                "webcache.caches.pages.offheap = 4MB",
                "webcache.caches.pages.disk = 32MB",
                "webcache.caches.pages.disk-path = " + directory.replace("\\", "\\\\"),
                "webcache.caches.pages.persistent = true", ""), StandardCharsets.UTF_8);
    }

    /**
     * Starts the application with the configuration in {@code configuration} on {@code port} (0: any free one). A
     * page's keys hold its URL, port included: an application started again serves its stored pages on the port
     * it had.
     */
    public static TestServer start(Path configuration, int port) throws Exception {
        return TestServer.webapp("tiers")
                .customize(context -> context.setExtraClasspath(configuration.toAbsolutePath().toString()))
                .port(port)
                .start();
    }

    public static void main(String[] args) throws Exception {
        TestServer server = start(Path.of(args[0]), 0);
        System.out.println(READY + server.uri("/").getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // nothing is sent; the end of the stream is the signal to stop
        }
        server.close();
        System.exit(0);
    }
}
