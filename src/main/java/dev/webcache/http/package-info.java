/**
 * Servlet-free HTTP caching values: parsed {@link dev.webcache.http.CacheControl} directives with Django's
 * {@code patch_cache_control} merge (bugs fixed), {@link dev.webcache.http.VaryHeaders} lists, HTTP dates
 * ({@link dev.webcache.http.HttpDates}), entity tags and RFC 9110 conditional request evaluation
 * ({@link dev.webcache.http.ConditionalRequest}). Every parser here is lenient: hostile input gives an empty or
 * partial value, never an exception, and nothing formatted here contains CR, LF or another control character.
 */
package dev.webcache.http;
