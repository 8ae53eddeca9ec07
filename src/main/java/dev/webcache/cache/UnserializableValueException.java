package dev.webcache.cache;

/** A value that cannot be copied into the cache because it (or something it holds) is not serializable. */
public class UnserializableValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnserializableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
