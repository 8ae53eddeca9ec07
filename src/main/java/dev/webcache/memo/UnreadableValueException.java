package dev.webcache.memo;

/** Stored data that cannot be used: missing, of another write, failing authentication, or failing to decode. */
final class UnreadableValueException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableValueException(String message) {
        super(message);
    }

    UnreadableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
