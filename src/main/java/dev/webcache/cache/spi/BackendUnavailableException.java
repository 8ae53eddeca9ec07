package dev.webcache.cache.spi;

/**
 * A backend call that did not get an answer in time: the store did not reply within the call's deadline, or the
 * backend is treated as down for a while after repeated timeouts and refuses calls at once. Like any other
 * failure of the store it is a runtime exception, which the page cache, fragments and memoization treat as "no
 * cache for this request". A write that timed out may still be applied later.
 */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
