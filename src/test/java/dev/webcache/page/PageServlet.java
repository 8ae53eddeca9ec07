package dev.webcache.page;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A page whose behaviour the query string scripts, so that each test asks for exactly the response it needs. The
 * body is {@code render=<n> url=<path?query>} plus what was asked for; {@code n} counts this URL's renders, so a
 * repeated body is a hit. Parameters: {@code status}, {@code error} (sendError), {@code redirect}, {@code cc}
 * (Cache-Control), {@code vary}, {@code cookie} (addCookie), {@code setcookie} (a Set-Cookie header),
 * {@code session}, {@code echo} (a request header's value), {@code size} (bytes of filler), {@code stream} (use the
 * output stream), {@code flush}, {@code throw}, {@code async}, {@code lm} (Last-Modified), {@code etag},
 * {@code expires}, {@code cl} (a declared Content-Length), {@code reset} and {@code resetbuffer} (output discarded
 * first), {@code latin1} (the writer's charset from {@code setCharacterEncoding}), {@code sleep} (milliseconds
 * spent before rendering), {@code tokens} (comma-separated, through {@link PageTokens}), {@code precompressed} (the
 * body sent gzip-compressed by the application). A request header {@code X-Script-Fail} makes one render of a URL
 * fail without changing its key: {@code throw}, {@code status503} (setStatus) or {@code error503} (sendError);
 * {@code X-Script-Cache-Control} sets its {@code Cache-Control}, also without changing its key; with
 * {@code X-Report-Capture} the response tells in {@code X-Captured} whether the servlet wrote to a wrapper.
 */
public class PageServlet extends HttpServlet {
    private static final Map<String, AtomicLong> RENDERS = new ConcurrentHashMap<>();

    /** How many times the page of {@code pathAndQuery} was rendered (by any test servlet that counts renders). */
    public static long renders(String pathAndQuery) {
        AtomicLong count = RENDERS.get(pathAndQuery);
        return count == null ? 0 : count.get();
    }

    /** Counts a render of the request's path and query; returns which render of that URL it is. */
    public static long countRender(HttpServletRequest request) {
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return RENDERS.computeIfAbsent(url, key -> new AtomicLong()).incrementAndGet();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        long render = countRender(request);
        if (request.getParameter("sleep") != null) {
            try {
                Thread.sleep(Long.parseLong(request.getParameter("sleep")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while rendering", e);
            }
        }
        if (request.getParameter("tokens") != null) {
            PageTokens.add(request, request.getParameter("tokens").split(","));
        }
        String fail = request.getHeader("X-Script-Fail");
        if ("throw".equals(fail)) {
            throw new IllegalStateException("scripted failure");
        }
        if ("error503".equals(fail)) {
            response.sendError(503, "scripted error");
            return;
        }
        if ("status503".equals(fail)) {
            response.setStatus(503);
            response.setContentType("text/plain");
            response.getWriter().print("scripted 503 body " + render);
            return;
        }
        if (request.getParameter("reset") != null) {
            response.setHeader("X-Discarded", "yes");
            response.getWriter().print("discard me");
            response.reset();
        }
        if (request.getParameter("resetbuffer") != null) {
            response.getOutputStream().write("discard me too".getBytes(StandardCharsets.UTF_8));
            response.resetBuffer();
        }
        if (request.getParameter("throw") != null) {
            throw new IllegalStateException("scripted failure");
        }
        if (request.getParameter("error") != null) {
            response.sendError(Integer.parseInt(request.getParameter("error")), "scripted error");
            return;
        }
        if (request.getParameter("redirect") != null) {
            response.sendRedirect(request.getParameter("redirect"));
            return;
        }
        if (request.getParameter("status") != null) {
            response.setStatus(Integer.parseInt(request.getParameter("status")));
        }
        setIfPresent(request, response, "cc", "Cache-Control");
        if (request.getHeader("X-Script-Cache-Control") != null) {
            response.setHeader("Cache-Control", request.getHeader("X-Script-Cache-Control"));
        }
        if (request.getHeader("X-Report-Capture") != null) {
            response.setHeader("X-Captured", Boolean.toString(response instanceof HttpServletResponseWrapper));
        }
        setIfPresent(request, response, "vary", "Vary");
        setIfPresent(request, response, "lm", "Last-Modified");
        setIfPresent(request, response, "etag", "ETag");
        setIfPresent(request, response, "expires", "Expires");
        if (request.getParameter("cookie") != null) {
            response.addCookie(new Cookie(request.getParameter("cookie"), "v" + render));
        }
        if (request.getParameter("setcookie") != null) {
            response.addHeader("Set-Cookie", request.getParameter("setcookie") + "=h" + render + "; Path=/");
        }
        if (request.getParameter("session") != null) {
            request.getSession(true);
        }
        boolean latin1 = request.getParameter("latin1") != null;
        if (latin1) {
            response.setContentType("text/plain");
            response.setCharacterEncoding("ISO-8859-1");
        } else {
            response.setContentType("text/plain;charset=UTF-8");
        }
        StringBuilder body = new StringBuilder("render=").append(render).append(" url=").append(url);
        String echo = request.getParameter("echo");
        if (echo != null) {
            body.append(' ').append(echo).append('=').append(request.getHeader(echo));
        }
        body.append(" é\n");
        int size = request.getParameter("size") == null ? 0 : Integer.parseInt(request.getParameter("size"));
        byte[] bytes = (body + filler(size)).getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (request.getParameter("cl") != null) {
            response.setContentLength(Integer.parseInt(request.getParameter("cl")));
        }
        if (request.getParameter("precompressed") != null) {
            response.setHeader("Content-Encoding", "gzip");
            response.setHeader("Vary", "Accept-Encoding");
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(bytes);
            }
            response.getOutputStream().write(compressed.toByteArray());
            return;
        }
        if (request.getParameter("async") != null) {
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    async.getResponse().getOutputStream().write(bytes);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                async.complete();
            });
            return;
        }
        boolean flush = request.getParameter("flush") != null;
        if (request.getParameter("stream") != null) {
            OutputStream out = response.getOutputStream();
            int half = bytes.length / 2;
            out.write(bytes, 0, half);
            if (flush) {
                out.flush();
            }
            out.write(bytes, half, bytes.length - half);
        } else {
            PrintWriter out = response.getWriter();
            String text = new String(bytes, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            int half = text.length() / 2;
            out.write(text, 0, half);
            if (flush) {
                response.flushBuffer();
            }
            out.write(text, half, text.length() - half);
        }
    }

    private static void setIfPresent(HttpServletRequest request, HttpServletResponse response, String parameter,
                                     String header) {
        String value = request.getParameter(parameter);
        if (value != null) {
            response.setHeader(header, value);
        }
    }

    /** {@code size} bytes of a pattern that a truncation or reordering would break. */
    public static String filler(int size) {
        StringBuilder filler = new StringBuilder(size);
        for (int i = 0; filler.length() < size; i++) {
            filler.append((char) ('a' + i % 26));
            if (i % 64 == 63) {
                filler.append('\n');
            }
        }
        filler.setLength(size);
        return filler.toString();
    }
}
