/** Django's DummyCache: a backend that stores nothing, for development and for switching caching off. */
package dev.webcache.cache.dummy;
