package dev.webcache.cache;

import java.io.Serializable;

/**
 * Marks a value class whose instances never change after construction, so a local cache may keep them by
 * reference instead of copying them. Only implement it on deeply immutable types (final fields holding immutable
 * objects, no arrays handed out).
 */
public interface ImmutableValue extends Serializable {
}
