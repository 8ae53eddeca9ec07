package dev.webcache.page.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** Writing a shared direct buffer through Jetty's own output stream, and not through an application's wrapper. */
class ContainerOutputTest {
    private static final byte[] BODY = new byte[200_000];

    static {
        for (int i = 0; i < BODY.length; i++) {
            BODY[i] = (byte) (i * 31 + i / 251);
        }
    }

    @Test
    void jettysStreamWritesABufferWholeAndAWrappersStreamIsLeftToTheArrayPath() throws Exception {
        ByteBuffer shared = ByteBuffer.allocateDirect(BODY.length).put(BODY).flip().asReadOnlyBuffer();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                ServletOutputStream out = response.getOutputStream();
                response.setHeader("X-Container-Writes-Buffers", Boolean.toString(ContainerOutput.writesBuffers(out)));
                response.setHeader("X-Wrapper-Writes-Buffers",
                        Boolean.toString(ContainerOutput.writesBuffers(new ArrayOnlyStream(out))));
                response.setContentLength(BODY.length);
                ContainerOutput.write(out, shared.duplicate());
            }
        }), "/body");
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/body");
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = TestServer.client().send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals("true", response.headers().firstValue("X-Container-Writes-Buffers").orElseThrow());
                assertEquals("false", response.headers().firstValue("X-Wrapper-Writes-Buffers").orElseThrow());
                assertArrayEquals(BODY, response.body(), "request " + i);
            }
            assertEquals(0, shared.position(), "the shared buffer itself is never moved");
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
