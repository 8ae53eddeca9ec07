package dev.webcache.page.engine;

import dev.webcache.page.Refusal;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Holds the body of a response while the page cache decides whether to store it. Status, headers and cookies go to
 * the real response as the application sets them (so every container rule about them applies, and {@code
 * getStatus}/{@code getHeader} see them); the body, and a declared {@code Content-Length}, are held back until
 * {@link #complete()}. As in Spring's {@code ContentCachingResponseWrapper}: writer or stream (not both), the
 * writer's charset from {@code setCharacterEncoding}, {@code setLocale} or {@code setContentType} and pinned once
 * the writer exists, {@code reset}/{@code resetBuffer} clear what is held, and a flush while buffering is deferred.
 *
 * <p>The wrapper decides nothing about storing: it reports what happened (status, headers, cookies, the body held
 * or why it streams, a declared length that does not match, a held-back server error). It switches to pass-through
 * (writes what it holds, then streams) when the body grows past the size limit, on trailers or non-blocking output,
 * and when the engine says so: at the application's first write or flush it tells its {@link BodyStart} listener,
 * which may {@link #stopHolding} a response that will not be stored anyway. After
 * {@code sendError} or {@code sendRedirect} the container writes the body, so what was held is dropped, as the
 * container would drop its own buffer. Thread-safe where asynchronous writers need it: the output is synchronized.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL_CAPACITY = 4096;

    private final HttpServletResponse real;
    private final int limit;
    private final BodyStart bodyStart;
    private final Output output = new Output();
    private PrintWriter writer;
    private String writerCharset;
    private boolean streamUsed;
    private long declaredLength = -1;
    private boolean setsCookie;
    private final boolean deferServerErrors;
    private int deferredError;
    private String deferredMessage;

    /** Told when the application starts its body (first write) or flushes while the body is held. */
    @FunctionalInterface
    interface BodyStart {
        /** May {@link #stopHolding} the response; anything else it does must not write to it. */
        void started(CapturingResponse response) throws IOException;
    }

    /**
     * @param bodyStart         told at the first write and at each flush while the body is held
     * @param deferServerErrors whether a {@code sendError} of 5xx is held back (a stale page may stand in for it)
     *                          rather than passed on at once
     */
    CapturingResponse(HttpServletResponse real, long limit, BodyStart bodyStart, boolean deferServerErrors) {
        super(real);
        this.real = real;
        this.limit = (int) limit;
        this.bodyStart = bodyStart;
        this.deferServerErrors = deferServerErrors;
    }

    /**
     * Stops holding, without flushing the writer (safe while the application writes): what is held goes to the
     * client and the rest streams.
     *
     * @param reason why the response is not stored, or {@code null} when nothing was to be stored anyway
     */
    void stopHolding(Refusal reason) throws IOException {
        output.passThrough(reason);
    }

    /** The 5xx status of a {@code sendError} held back, or 0. */
    int deferredError() {
        return deferredError;
    }

    /** Passes a held-back {@code sendError} on to the container. */
    void sendDeferredError() throws IOException {
        if (deferredError != 0) {
            real.sendError(deferredError, deferredMessage);
        }
    }

    /**
     * Drops the body held and resets the real response (status, headers), so that a stale page can be sent in
     * place of this one.
     *
     * @return whether that was possible (nothing had reached the client)
     */
    boolean abandon() {
        if (!output.holding() && deferredError == 0 || real.isCommitted()) {
            return false;
        }
        output.discard(Refusal.STATUS);
        deferredError = 0;
        real.reset();
        return true;
    }

    /** Whether the application added a cookie through this wrapper. */
    boolean setsCookie() {
        return setsCookie;
    }

    /** Whether the body is still held (not streaming, not dropped after {@code sendError}). */
    boolean isHolding() {
        return output.holding();
    }

    /** Why the body is no longer held; {@code null} while it is, or when no store was possible anyway. */
    Refusal passThroughReason() {
        return output.reason;
    }

    /** Whether a declared {@code Content-Length} differs from the body held. */
    boolean lengthMismatch() {
        return declaredLength >= 0 && declaredLength != output.count;
    }

    /** The body held, as a new array of its exact length. */
    byte[] body() {
        return Arrays.copyOf(output.buffer, output.count);
    }

    /** Stops holding: what is held goes to the client and the rest streams. */
    void streamFromNowOn(Refusal reason) throws IOException {
        flushWriter();
        output.passThrough(reason);
    }

    /**
     * Sends what is held, with a {@code Content-Length} (the declared one, else the length held) unless the
     * response is streaming already.
     */
    void complete() throws IOException {
        flushWriter();
        output.complete();
    }

    /** Pushes characters the writer still holds into the body, without counting as the application's flush. */
    void flushWriter() {
        if (writer != null) {
            output.internalFlush = true;
            try {
                writer.flush();
            } finally {
                output.internalFlush = false;
            }
        }
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called on this response");
        }
        streamUsed = true;
        return output;
    }

    @Override
    public PrintWriter getWriter() throws UnsupportedEncodingException {
        if (writer != null) {
            return writer;
        }
        if (streamUsed) {
            throw new IllegalStateException("getOutputStream() has already been called on this response");
        }
        String encoding = real.getCharacterEncoding();
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(encoding);
        }
        String contentType = real.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("charset=")) {
            // what the container's own getWriter() does: the charset becomes explicit and fixed
            real.setCharacterEncoding(encoding);
        }
        writerCharset = encoding;
        writer = new PrintWriter(new OutputStreamWriter(output, charset), false);
        return writer;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (writer == null) {
            real.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setContentType(String type) {
        real.setContentType(type);
        pinWriterCharset();
    }

    @Override
    public void setLocale(Locale locale) {
        real.setLocale(locale);
        pinWriterCharset();
    }

    private void pinWriterCharset() {
        if (writerCharset != null && !writerCharset.equalsIgnoreCase(real.getCharacterEncoding())) {
            real.setCharacterEncoding(writerCharset);
        }
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (output.holding()) {
            declaredLength = length;
        } else {
            real.setContentLengthLong(length);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (holdsContentLength(name)) {
            declaredLength = parseLength(value);
            return;
        }
        noteCookieHeader(name);
        real.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (holdsContentLength(name)) {
            declaredLength = parseLength(value);
            return;
        }
        noteCookieHeader(name);
        real.addHeader(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (holdsContentLength(name)) {
            declaredLength = value;
            return;
        }
        real.setIntHeader(name, value);
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (holdsContentLength(name)) {
            declaredLength = value;
            return;
        }
        real.addIntHeader(name, value);
    }

    private boolean holdsContentLength(String name) {
        return output.holding() && "Content-Length".equalsIgnoreCase(name);
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void noteCookieHeader(String name) {
        if ("Set-Cookie".equalsIgnoreCase(name) || "Set-Cookie2".equalsIgnoreCase(name)) {
            setsCookie = true;
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        setsCookie = true;
        real.addCookie(cookie);
    }

    @Override
    public boolean containsHeader(String name) {
        if (declaredLength >= 0 && "Content-Length".equalsIgnoreCase(name)) {
            return true;
        }
        return real.containsHeader(name);
    }

    @Override
    public String getHeader(String name) {
        if (declaredLength >= 0 && "Content-Length".equalsIgnoreCase(name)) {
            return Long.toString(declaredLength);
        }
        return real.getHeader(name);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        if (declaredLength >= 0 && "Content-Length".equalsIgnoreCase(name)) {
            return List.of(Long.toString(declaredLength));
        }
        return real.getHeaders(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        Collection<String> names = real.getHeaderNames();
        if (declaredLength >= 0 && names.stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
            names = new ArrayList<>(names);
            names.add("Content-Length");
        }
        return names;
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (status >= 500 && output.holding() && !real.isCommitted() && deferServerErrors) {
            output.discard(Refusal.STATUS);
            deferredError = status;
            deferredMessage = message;
            return;
        }
        output.discard(Refusal.STATUS);
        real.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        sendError(status, null);
    }

    @Override
    public boolean isCommitted() {
        return deferredError != 0 || real.isCommitted();
    }

    @Override
    public int getStatus() {
        return deferredError != 0 ? deferredError : real.getStatus();
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        output.discard(Refusal.STATUS);
        real.sendRedirect(location);
    }

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
        try {
            streamFromNowOn(Refusal.TRAILERS);
        } catch (IOException e) {
            throw new IllegalStateException("could not stream the response to allow trailers", e);
        }
        real.setTrailerFields(supplier);
    }

    @Override
    public void setBufferSize(int size) {
        if (output.count > 0) {
            throw new IllegalStateException("content has been written to this response");
        }
        real.setBufferSize(size);
    }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        output.flush();
    }

    @Override
    public void resetBuffer() {
        flushWriter();
        output.clear();
        real.resetBuffer();
    }

    @Override
    public void reset() {
        flushWriter();
        real.reset();
        output.clear();
        writer = null;
        writerCharset = null;
        streamUsed = false;
        declaredLength = -1;
        setsCookie = false;
    }

    /** The body: held in an array up to the limit, then streamed to the real response. */
    private final class Output extends ServletOutputStream {
        private byte[] buffer = EMPTY;
        private int count;
        private ServletOutputStream streaming;
        private Refusal reason;
        private boolean discarding;
        private boolean bodyStartReported;
        private boolean closed;
        private boolean internalFlush;

        synchronized boolean holding() {
            return streaming == null && !discarding;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (admit(1)) {
                ensureCapacity(count + 1);
                buffer[count++] = (byte) b;
            } else if (streaming != null) {
                streaming.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (admit(length)) {
                ensureCapacity(count + length);
                System.arraycopy(bytes, offset, buffer, count, length);
                count += length;
            } else if (streaming != null) {
                streaming.write(bytes, offset, length);
            }
        }

        /** Whether {@code length} more bytes are to be held; switches to streaming when they are not. */
        private boolean admit(int length) throws IOException {
            if (streaming != null || discarding) {
                return false;
            }
            if (closed) {
                throw new IOException("the response output is closed");
            }
            if (!bodyStartReported) {
                bodyStartReported = true;
                bodyStarted();
                if (streaming != null) {
                    return false;
                }
            }
            if (Math.max((long) count + length, declaredLength) > limit) {
                passThrough(Refusal.TOO_LARGE);
                return false;
            }
            return true;
        }

        private void ensureCapacity(int needed) {
            if (needed > buffer.length) {
                int hint = declaredLength > 0 && declaredLength <= limit ? (int) declaredLength : INITIAL_CAPACITY;
                int capacity = Math.max(needed, Math.max(hint, Math.min(limit, buffer.length * 2)));
                buffer = Arrays.copyOf(buffer, capacity);
            }
        }

        private void bodyStarted() throws IOException {
            bodyStart.started(CapturingResponse.this);
        }

        synchronized void passThrough(Refusal why) throws IOException {
            if (streaming != null || discarding) {
                return;
            }
            reason = why;
            if (declaredLength >= 0) {
                real.setContentLengthLong(declaredLength);
            }
            streaming = real.getOutputStream();
            if (count > 0) {
                streaming.write(buffer, 0, count);
            }
            buffer = EMPTY;
            count = 0;
            if (closed) {
                streaming.close();
            }
        }

        synchronized void discard(Refusal why) {
            if (streaming == null && !discarding) {
                reason = why;
                discarding = true;
                buffer = EMPTY;
                count = 0;
            }
        }

        synchronized void complete() throws IOException {
            if (!holding()) {
                return;
            }
            long length = declaredLength >= 0 ? declaredLength : count;
            if (length > 0 || count > 0) {
                real.setContentLengthLong(length);
            }
            if (count > 0) {
                real.getOutputStream().write(buffer, 0, count);
            }
        }

        synchronized void clear() {
            if (holding()) {
                count = 0;
                bodyStartReported = false;
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (internalFlush || discarding) {
                return;
            }
            if (streaming == null) {
                bodyStarted();
                if (streaming == null) {
                    return; // deferred: the response may still be stored
                }
            }
            streaming.flush();
            real.flushBuffer();
        }

        @Override
        public synchronized void close() throws IOException {
            if (streaming != null) {
                streaming.close();
            } else {
                closed = true;
            }
        }

        @Override
        public synchronized boolean isReady() {
            return streaming == null || streaming.isReady();
        }

        @Override
        public synchronized void setWriteListener(WriteListener listener) {
            try {
                passThrough(Refusal.ASYNC);
            } catch (IOException e) {
                throw new IllegalStateException("could not stream the response for non-blocking output", e);
            }
            if (streaming != null) {
                streaming.setWriteListener(listener);
            }
        }
    }
}
