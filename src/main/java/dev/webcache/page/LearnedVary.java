package dev.webcache.page;

import dev.webcache.cache.ImmutableValue;
import java.io.Serial;
import java.util.List;

/**
 * What a URL's responses vary on, learned from the last one stored (Django's header list, stored per URL), and the
 * generation that the URL's variant keys carry. Invalidating a URL replaces it with a mark of a new generation and
 * no names: every variant stored before becomes unreachable, and a render that was in flight during the
 * invalidation sees that the generation changed and does not store its (possibly stale) result.
 *
 * @param generation      part of every variant key of the URL
 * @param names           the {@code Vary} header names, lowercased, sorted, each once
 * @param invalidationMark whether this is the mark left by an invalidation (no names learned yet)
 */
record LearnedVary(String generation, List<String> names, boolean invalidationMark) implements ImmutableValue {
    @Serial
    private static final long serialVersionUID = 1L;

    LearnedVary {
        names = List.copyOf(names);
    }
}
