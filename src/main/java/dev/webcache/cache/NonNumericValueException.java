package dev.webcache.cache;

/** {@code incr}/{@code decr} on a key whose value is not an integer (Django's {@code TypeError}). */
public class NonNumericValueException extends ClassCastException {
    private static final long serialVersionUID = 1L;

    public NonNumericValueException(String message) {
        super(message);
    }
}
