package dev.webcache.cache;

/** The configuration is wrong; the message names the property and what is allowed. Fails start-up. */
public class ImproperlyConfiguredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImproperlyConfiguredException(String message) {
        super(message);
    }

    public ImproperlyConfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
