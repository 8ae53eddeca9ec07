package dev.webcache.headers;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/** Reading a request's header lines as one field value (RFC 9110 section 5.3: lines of a name joined with commas). */
public final class RequestHeaders {
    private RequestHeaders() {
    }

    /** Every line of the header {@code name}, joined with {@code ", "}; {@code null} when the request has none. */
    public static String joined(HttpServletRequest request, String name) {
        Enumeration<String> lines = request.getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            joined.append(", ").append(lines.nextElement());
        }
        return joined.toString();
    }
}
