/**
 * Start-up and shut-down inside a web application: reads {@code webcache.properties}, publishes the
 * {@link dev.webcache.cache.Caches} registry in the servlet context and closes every backend when the application
 * stops. Needs no web.xml line.
 */
package dev.webcache.web;
