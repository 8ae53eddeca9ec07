/**
 * What a cache backend implements: timed entries with compare-and-set primitives. The core ({@code dev.webcache.cache})
 * builds Django's cache API on top of this; a backend depends on nothing but this package.
 */
package dev.webcache.cache.spi;
