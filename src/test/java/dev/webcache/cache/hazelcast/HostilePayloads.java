package dev.webcache.cache.hazelcast;

import java.util.HashSet;
import java.util.Set;

/** Shapes of hostile values, for tests of what webcache reads back from a cluster. */
final class HostilePayloads {
    private HostilePayloads() {
    }

    /**
     * Wouter Coekaerts' SerialDOS: sets nested {@code depth} levels, each holding the two (shared) sets of the next
     * level, so that deserializing it hashes 2^depth times.
     */
    static Set<Object> nestedSets(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> left = root;
        Set<Object> right = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> a = new HashSet<>();
            Set<Object> b = new HashSet<>();
            a.add("x");
            left.add(a);
            left.add(b);
            right.add(a);
            right.add(b);
            left = a;
            right = b;
        }
        return root;
    }
}
