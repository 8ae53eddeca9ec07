/**
 * The cluster tier: the {@code hazelcast} backend, one {@code IMap} per cache alias shared by every application
 * server of a Hazelcast cluster, joined as an embedded member or reached as a client. Entries travel in webcache's
 * own compact form (no Java serialization); increments and conditional writes are entry processors.
 */
package dev.webcache.cache.hazelcast;
