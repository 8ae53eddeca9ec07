package dev.webcache.page.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.webcache.page.store.StoredPage;
import dev.webcache.page.store.TokenStamp;
import dev.webcache.testing.TestServer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** Writing a page's shared direct copy through Jetty's own output stream, and not through an application's wrapper. */
class ContainerOutputTest {
    private static final byte[] BODY = new byte[200_000];

    static {
        for (int i = 0; i < BODY.length; i++) {
            BODY[i] = (byte) (i * 31 + i / 251);
        }
    }

    @Test
    void jettysStreamWritesTheSharedCopyWholeAndAWrappersStreamIsLeftToTheArrayPath() throws Exception {
        List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", "image/png"});
        StoredPage page = StoredPage.of(200, headers, BODY.clone(), 0, new StoredPage.Lifetime(60_000, 0, 0),
                TokenStamp.NONE, false);
        assertNull(page.directBody(false), "the first hit of an instance makes no copy");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                ServletOutputStream out = response.getOutputStream();
                response.setContentLength(BODY.length);
                response.setHeader("X-Wrapper-Wrote", Boolean.toString(
                        ContainerOutput.write(new ArrayOnlyStream(out), page, false)));
                if (!ContainerOutput.write(out, page, false)) {
                    throw new IllegalStateException("Jetty's stream did not take the shared copy");
                }
            }
        }), "/body");
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/body");
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = TestServer.client().send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, response.statusCode());
                assertEquals("false", response.headers().firstValue("X-Wrapper-Wrote").orElseThrow());
                assertArrayEquals(BODY, response.body(), "request " + i + ": whole, from a position of its own");
            }
        } finally {
            server.stop();
        }
    }

    /** An application's stream that writes arrays only, as a response wrapper's usually does. */
    private static final class ArrayOnlyStream extends ServletOutputStream {
        private final ServletOutputStream out;

        ArrayOnlyStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
