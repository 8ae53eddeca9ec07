/**
 * Micrometer meters for webcache's caches and page caches ({@link dev.webcache.metrics.WebcacheMetrics}). Micrometer
 * is an optional dependency: only applications that use this package need it on their class path.
 */
package dev.webcache.metrics;
