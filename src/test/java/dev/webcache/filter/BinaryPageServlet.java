package dev.webcache.filter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * A 64 KiB page of incompressible bytes (so it is stored as it is, never gzipped), whose first eight bytes are the
 * hash of its URL: a page served for the wrong URL is detected.
 */
public class BinaryPageServlet extends HttpServlet {
    /** The page size. */
    public static final int SIZE = 64 * 1024;
    private static final byte[] NOISE = new byte[SIZE];

    static {
        new Random(42).nextBytes(NOISE);
    }

    /** The body of the page at {@code pathAndQuery}. */
    public static byte[] body(String pathAndQuery) {
        byte[] body = NOISE.clone();
        ByteBuffer.wrap(body).putLong(pathAndQuery.hashCode() * 0x9E3779B97F4A7C15L);
        return body;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(body(url));
    }
}
