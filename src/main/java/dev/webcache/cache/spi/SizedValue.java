package dev.webcache.cache.spi;

/**
 * A stored value that knows roughly how much heap it holds, so that a backend with a byte budget can weigh it. An
 * estimate that errs high is fine; one that errs low lets a store outgrow its budget.
 */
public interface SizedValue {
    /** The bytes this value keeps reachable, its own object included. */
    long retainedBytes();
}
