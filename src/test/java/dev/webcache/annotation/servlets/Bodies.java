package dev.webcache.annotation.servlets;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Arrays;

/** Writes large bodies, which commit the response long before the servlet returns. */
public final class Bodies {
    /** One MiB. */
    public static final int MIB = 1024 * 1024;

    private Bodies() {
    }

    public static void writeBytes(HttpServletResponse response, int size) throws IOException {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'b');
        OutputStream out = response.getOutputStream();
        for (int written = 0; written < size; written += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, size - written));
        }
    }

    public static void writeChars(HttpServletResponse response, int size) throws IOException {
        char[] chunk = new char[8192];
        Arrays.fill(chunk, 'c');
        PrintWriter out = response.getWriter();
        for (int written = 0; written < size; written += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, size - written));
        }
    }
}
