/**
 * An optional companion for shared mode: a reverse-proxy servlet for Jetty's {@code jetty-ee10-proxy}, which the
 * library does not depend on at run time; only applications that map this servlet need that module.
 */
package dev.webcache.proxy;
