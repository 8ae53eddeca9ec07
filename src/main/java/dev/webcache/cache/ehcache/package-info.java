/**
 * The default backend: an Ehcache 3 cache per alias with per-entry time-to-live, on the heap, optionally over
 * off-heap and (persistent) disk tiers.
 */
package dev.webcache.cache.ehcache;
