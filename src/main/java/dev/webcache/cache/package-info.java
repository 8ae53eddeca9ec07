/**
 * The low-level cache API (Django's {@code BaseCache} and {@code caches}): {@link dev.webcache.cache.Cache},
 * the {@link dev.webcache.cache.Caches} registry built from {@code webcache.properties}, key functions and the
 * exceptions. Servlet-free but for {@link dev.webcache.cache.Caches#from(jakarta.servlet.ServletContext)}.
 */
package dev.webcache.cache;
