/**
 * Header annotations for servlets, Django's view decorators: {@link dev.webcache.annotation.CacheControl},
 * {@link dev.webcache.annotation.NeverCache}, {@link dev.webcache.annotation.VaryOnHeaders} and
 * {@link dev.webcache.annotation.VaryOnCookie}, on a servlet class or its {@code doGet}/{@code doHead}/{@code service}
 * method (also {@code doPost}, {@code doPut}, {@code doDelete}, {@code doOptions}, {@code doTrace}). They need no
 * web.xml line: webcache's start-up registers {@link dev.webcache.annotation.ServletHeadersFilter}, which finds the
 * annotated servlets however they were declared and merges their headers into every response they send.
 */
package dev.webcache.annotation;
