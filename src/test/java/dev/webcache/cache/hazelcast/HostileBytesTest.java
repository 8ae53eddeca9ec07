package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.map.IMap;
import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.DeserializationFilter;
import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.SerializedValue;
import dev.webcache.page.PageServlet;
import dev.webcache.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Function;
import org.example.gadget.Gadget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whoever can join a cluster can write its maps. Bytes planted straight into the {@code IMap} (huge array lengths,
 * nested sets whose hashing explodes, a Java-serialized object under a page key, a compact page that lies about its
 * lengths) are each a miss within milliseconds, never an exception on a request, never a gadget brought to life.
 */
class HostileBytesTest {
    /** Generous for a loaded 2-core machine; the hostile payloads would take seconds to forever without the limits. */
    private static final long FEW_MILLIS = 200;
    private static String cluster;
    private static int port;
    private static Path app;
    private static TestServer server;
    private static Cache cache;
    private static IMap<String, StoredEntry> map;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.newClusterName();
        port = TestCluster.freePort();
        app = Files.createTempDirectory("webcache-hostile-");
        Files.createDirectories(app.resolve("WEB-INF"));
        Files.copy(Path.of("src/test/webapps/hazelcast-pages/WEB-INF/web.xml"), app.resolve("WEB-INF/web.xml"));
        Properties properties = TestCluster.memberProperties(cluster, port, port);
        // even a class the configuration allows is never deserialized under a page key
        properties.setProperty("webcache.caches.default.allowed-classes", "org.example.gadget.*");
        try (var out = Files.newBufferedWriter(app.resolve("WEB-INF/webcache.properties"), StandardCharsets.UTF_8)) {
            properties.store(out, "HostileBytesTest");
        }
        server = TestServer.webapp("hazelcast-pages").customize(context -> context.setBaseResourceAsPath(app)).start();
        cache = Caches.from(server.context().getServletContext()).getDefault();
        map = Hazelcast.getAllHazelcastInstances().iterator().next().getMap("webcache.default");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var files = Files.walk(app)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        TestCluster.assertNoHazelcastThreads();
    }

    private static void plant(String key, byte[] bytes) {
        map.put(cache.makeKey(key), StoredEntry.of(new BackendEntry(new SerializedValue(bytes), BackendEntry.NEVER)));
    }

    private static byte[] javaSerialized(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An array of one element whose stream claims {@code length} elements. */
    private static byte[] lyingArray(Object oneElementArray, int elementBytes, int length) {
        byte[] bytes = javaSerialized(oneElementArray);
        ByteBuffer.wrap(bytes).putInt(bytes.length - elementBytes - 4, length);
        return bytes;
    }

    private static <T> T timedMiss(String what, Function<String, T> read, String key) {
        long start = System.nanoTime();
        T value = read.apply(key);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < FEW_MILLIS, what + " took " + millis + " ms");
        return value;
    }

    @Test
    void hostileJavaSerializationIsAQuickMiss() {
        plant("huge-long-array", lyingArray(new long[1], 8, Integer.MAX_VALUE - 16));
        plant("huge-object-array", lyingArray(new Object[] {null}, 1, Integer.MAX_VALUE - 16));
        plant("set-bomb", javaSerialized(HostilePayloads.nestedSets(100)));
        plant("set-bomb-at-the-limit",
                javaSerialized(HostilePayloads.nestedSets(DeserializationFilter.MAX_SHARED_DEPTH - 2)));
        assertNull(timedMiss("a long[] claiming 2^31 elements", cache::get, "huge-long-array"));
        assertNull(timedMiss("an Object[] claiming 2^31 elements", cache::get, "huge-object-array"));
        assertNull(timedMiss("100 levels of nested sets", cache::get, "set-bomb"));
        timedMiss("nested sets just within the depth limit", cache::get, "set-bomb-at-the-limit");
        assertEquals(17L, (Long) cache.getOrSet("huge-long-array", () -> 17L, Cache.FOREVER), "a miss is a miss");
    }

    @Test
    void aJavaSerializedObjectUnderAPageKeyIsAMissAndNeverDeserialized() {
        int before = Gadget.DESERIALIZED.get();
        String url = "/page/planted-gadget";
        plant("webcache.page.v3..vary.http://127.0.0.1:" + server.uri("/").getPort() + url,
                javaSerialized(new Gadget()));
        HttpResponse<String> response = server.get(url);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("render=1 "), response.body());
        assertEquals(before, Gadget.DESERIALIZED.get(), "the gadget was brought to life");
        // the same bytes under an ordinary key are deserialized: the class is allowed there
        plant("ordinary", javaSerialized(new Gadget()));
        assertTrue(cache.get("ordinary") instanceof Gadget);
    }

    @Test
    void aStoredPageThatLiesAboutItsLengthsIsAMissNotAnError() {
        String url = "/page/tampered?size=3000";
        String rendered = server.get(url).body();
        assertEquals(rendered, server.get(url).body(), "stored");
        String varyKey = cache.makeKey("webcache.page.v3..vary.http://127.0.0.1:" + server.uri("/").getPort() + url);
        byte[] stored = ((SerializedValue) map.get(varyKey).value()).bytes();
        int gzip = indexOf(stored, new byte[] {0x1f, (byte) 0x8b, 8});
        int bodyLength = ByteBuffer.wrap(stored).getInt(gzip - 4);

        byte[] bomb = stored.clone();
        ByteBuffer.wrap(bomb).putInt(gzip + bodyLength - 4, Integer.reverseBytes(Integer.MAX_VALUE));
        map.put(varyKey, StoredEntry.of(new BackendEntry(new SerializedValue(bomb), BackendEntry.NEVER)));
        HttpResponse<String> identity = server.get(url);
        assertEquals(200, identity.statusCode());
        assertTrue(identity.body().startsWith("render=2 "), "a gzip body claiming 2 GiB is a miss: "
                + identity.body().substring(0, 20));

        byte[] lying = stored.clone();
        ByteBuffer.wrap(lying).putInt(gzip - 4, Integer.MAX_VALUE - 16);
        map.put(varyKey, StoredEntry.of(new BackendEntry(new SerializedValue(lying), BackendEntry.NEVER)));
        HttpResponse<String> again = server.get(url, "Accept-Encoding", "gzip");
        assertEquals(200, again.statusCode());
        assertTrue(PageServlet.renders(url) >= 3, "a body length past the value's end is a miss");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
