package dev.webcache.page.engine;

import dev.webcache.page.Refusal;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a response produced asynchronously ({@code startAsync}, as Jetty's {@code ProxyServlet} does) be captured and
 * stored, in every mode, and lets work wait for an asynchronous response's outcome (unsafe-method invalidation). The
 * chain gets this request; its {@code startAsync} hands out an {@link AsyncContext} whose {@code complete()} first
 * runs the finishing step (for a capture: decide, store, then send what is held with its {@code Content-Length};
 * storing comes first, as the container may complete the response as soon as that length is written, and the next
 * request must find the page), then completes. Nothing is stored when the container reported {@code onTimeout} or
 * {@code onError} first (a timed-out request is completed by the container, not through this context, so its capture
 * is never finished). A {@code dispatch} makes the capture stream: the dispatched request writes the rest and nothing
 * is stored. The asynchronous code must complete through the context it got from this request (or
 * {@link #getAsyncContext()}); one it obtains around it bypasses the capture.
 */
final class AsyncCapture extends HttpServletRequestWrapper {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncCapture.class);

    /** The finishing step: for a capture, stores the response if it may and {@code storable} agrees, and sends it. */
    interface Finish {
        void finish(BooleanSupplier storable) throws IOException;
    }

    private final ServletResponse response;
    private final Finish finish;
    private final Runnable beforeDispatch;
    private final Runnable ended;
    private volatile Completing context;

    /**
     * @param response       the response the chain got (the capture), handed out by the asynchronous context
     * @param finish         run by {@code complete()} before the container completes the response
     * @param beforeDispatch run before a {@code dispatch} (which completes without this {@code complete()})
     * @param ended          run when the container reports the cycle over (completed, timed out or failed), after
     *                       {@code finish} if that ran; it may run more than once
     */
    AsyncCapture(HttpServletRequest request, ServletResponse response, Finish finish, Runnable beforeDispatch,
                 Runnable ended) {
        super(request);
        this.response = response;
        this.finish = finish;
        this.beforeDispatch = beforeDispatch;
        this.ended = ended;
    }

    /** Capturing: a dispatch makes the capture stream from then on, and stores nothing. */
    AsyncCapture(HttpServletRequest request, CapturingResponse capture, Finish finish, Runnable ended) {
        this(request, capture, finish, () -> {
            try {
                capture.streamFromNowOn(Refusal.ASYNC);
            } catch (IOException e) {
                throw new IllegalStateException("could not stream the response before a dispatch", e);
            }
        }, ended);
    }

    /** Whether the chain went asynchronous, so that completing it finishes the capture. */
    boolean isStarted() {
        return context != null;
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        AsyncContext real = super.startAsync(request, response);
        Completing completing = new Completing(real);
        real.addListener(completing);
        context = completing;
        return completing;
    }

    @Override
    public AsyncContext getAsyncContext() {
        Completing completing = context;
        return completing != null ? completing : super.getAsyncContext();
    }

    /** The context handed to the chain, and the listener that learns of timeouts and errors. */
    private final class Completing implements AsyncContext, AsyncListener {
        private final AsyncContext real;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile boolean failed;

        Completing(AsyncContext real) {
            this.real = real;
        }

        @Override
        public void complete() {
            if (finished.compareAndSet(false, true)) {
                try {
                    finish.finish(() -> !failed);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("finishing an asynchronous response failed; nothing is stored", e);
                }
            }
            real.complete();
        }

        private void stopCapturing() {
            if (finished.compareAndSet(false, true)) {
                beforeDispatch.run();
            }
        }

        @Override
        public void dispatch() {
            stopCapturing();
            real.dispatch();
        }

        @Override
        public void dispatch(String path) {
            stopCapturing();
            real.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext servletContext, String path) {
            stopCapturing();
            real.dispatch(servletContext, path);
        }

        @Override
        public ServletRequest getRequest() {
            return real.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return real.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return real.hasOriginalRequestAndResponse();
        }

        @Override
        public void start(Runnable run) {
            real.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            real.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            real.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
            return real.createListener(type);
        }

        @Override
        public void setTimeout(long timeout) {
            real.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return real.getTimeout();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // stored (or not) in complete() already, while the response could still be written
            ended.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            failed = true;
            ended.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            failed = true;
            ended.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a new asynchronous cycle keeps this one's outcome
        }
    }
}
