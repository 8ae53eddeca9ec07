/**
 * Memoization of expensive data (djblets' {@code cache_memoize} and {@code cache_memoize_iter}): {@link
 * dev.webcache.memo.Memoizer} computes a value or a stream of items once and serves it from a cache afterwards,
 * with chunking of large data, zlib compression, AES-GCM encryption with integrity, an allow-list for
 * deserialization and an optional lock against a stampede of recomputations. Servlet-free.
 */
package dev.webcache.memo;
