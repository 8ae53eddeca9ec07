package dev.webcache.page.store;

import dev.webcache.cache.ImmutableValue;
import dev.webcache.cache.spi.SizedValue;
import java.io.Serial;
import java.util.List;

/**
 * The entry a URL's keys start from: what its responses vary on, learned from the last one stored (Django's header
 * list, stored per URL), and the generation its variant keys carry. A URL whose responses vary on nothing keeps its
 * one page right here, so its hits cost one cache read. Invalidating a URL replaces the entry with a mark of a new
 * generation: every variant stored before becomes unreachable, and a render that was in flight sees that the
 * generation changed and does not store its (possibly stale) result.
 *
 * @param generation       part of every variant key of the URL
 * @param names            the {@code Vary} header names, lowercased, sorted, each once
 * @param invalidationMark whether this is the mark left by an invalidation (nothing learned yet)
 * @param page             the page, when {@code names} is empty; else {@code null} (variants have their own keys)
 */
record LearnedVary(String generation, List<String> names, boolean invalidationMark, StoredPage page)
        implements ImmutableValue, SizedValue {
    @Serial
    private static final long serialVersionUID = 1L;

    LearnedVary {
        names = List.copyOf(names);
    }

    @Override
    public long retainedBytes() {
        long bytes = 128 + generation.length() + (page == null ? 0 : page.retainedBytes());
        for (String name : names) {
            bytes += 48 + name.length();
        }
        return bytes;
    }

    /** The mark an invalidation leaves. */
    static LearnedVary invalidationMark(String generation) {
        return new LearnedVary(generation, List.of(), true, null);
    }
}
