/**
 * Token counters (django-icache's invalidation scheme, made atomic): named counters that content depends on, and
 * values stored together with the sum of those counters, so that one {@code incr("movies")} invalidates every
 * fragment or page that carries the token {@code movies}. Servlet-free.
 */
package dev.webcache.tokens;
