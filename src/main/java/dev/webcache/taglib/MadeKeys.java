package dev.webcache.taglib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys {@code <cache:fragment>} made recently, by fragment name and vary value, so that a hit does not hash
 * the same values again: the MD5 of the vary values was the largest part of a hit's own cost.
 *
 * <p>Only names of at most {@value #MAX_TEXT} characters are remembered, with values whose Python {@code str()}
 * follows from their {@code equals}: no vary value, or one value, or an {@link ArrayList} (what an EL list literal
 * gives) of at most {@value #MAX_VALUES} values, each {@code null}, a {@code String} of at most {@value #MAX_TEXT}
 * characters, a {@code Long}, an {@code Integer} or a {@code Boolean}. Other values (a mutable object whose text may
 * change, a set whose order may differ between two equal sets) are hashed on every use, as before. At most
 * {@value #CAPACITY} keys are kept: when a key more is made, the memo starts again empty, so a flood of distinct
 * values (one per user) costs one map insertion per use and holds bounded memory.
 */
final class MadeKeys {
    static final int CAPACITY = 1024;
    static final int MAX_TEXT = 128;
    static final int MAX_VALUES = 8;
    /** Stands for "no vary attribute", which differs from {@code vary="${null}"} (Python's {@code None}). */
    private static final Object NO_VARY = new Object();
    private static final ConcurrentHashMap<Id, String> KEYS = new ConcurrentHashMap<>();

    /**
     * A fragment name with its vary value (or {@link #NO_VARY}); value equality decides the key. The methods are
     * written out: a record's generated ones go through method handles, which showed in a hit's profile.
     */
    private static final class Id {
        private final String name;
        private final Object vary;

        Id(String name, Object vary) {
            this.name = name;
            this.vary = vary;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && name.equals(id.name) && Objects.equals(vary, id.vary);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Objects.hashCode(vary);
        }
    }

    private MadeKeys() {
    }

    /**
     * {@link FragmentKeys#of(String, java.util.Collection) FragmentKeys.of(name, the vary values)}, remembered when
     * the values allow it.
     *
     * @param varySet whether the tag has a vary attribute ({@code vary} is then its value, {@code null} included)
     */
    static String of(String name, boolean varySet, Object vary) {
        if (name == null || name.length() > MAX_TEXT || varySet && !rememberable(vary)) {
            return FragmentKeys.of(name, varySet ? TagValues.varyValues(vary) : List.of());
        }
        Object value = varySet ? vary : NO_VARY;
        String key = KEYS.get(new Id(name, value));
        if (key == null) {
            key = FragmentKeys.of(name, varySet ? TagValues.varyValues(vary) : List.of());
            if (KEYS.size() >= CAPACITY) {
                KEYS.clear();
            }
            // a copy: the caller's list may change after this use
            KEYS.put(new Id(name, value instanceof ArrayList<?> list ? Arrays.asList(list.toArray()) : value), key);
        }
        return key;
    }

    /** How many keys are remembered now (at most {@link #CAPACITY}). */
    static int size() {
        return KEYS.size();
    }

    private static boolean rememberable(Object vary) {
        if (vary == null || vary.getClass() != ArrayList.class) {
            return plain(vary);
        }
        List<?> values = (List<?>) vary;
        if (values.size() > MAX_VALUES) {
            return false;
        }
        for (Object value : values) {
            if (!plain(value)) {
                return false;
            }
        }
        return true;
    }

    /** A value whose {@code equals} implies the same Python {@code str()}, and that never changes. */
    private static boolean plain(Object value) {
        return value == null || value instanceof String text && text.length() <= MAX_TEXT || value instanceof Long
                || value instanceof Integer || value instanceof Boolean;
    }
}
