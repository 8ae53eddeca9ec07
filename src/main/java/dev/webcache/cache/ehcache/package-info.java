/** The default backend: an Ehcache 3 on-heap cache per alias, with per-entry time-to-live. */
package dev.webcache.cache.ehcache;
