package dev.webcache.page.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tokens a page is being rendered under ({@code PageTokens.add}, {@code @CachePage(tokens)}), with the sum of
 * their counters read as each is added, before the data it guards: what becomes the page's {@link TokenStamp}. The
 * engine rendering a page keeps it as the request attribute {@link #ATTRIBUTE}.
 */
public final class RenderTokens {
    /** The request attribute under which the page being rendered collects its tokens. */
    public static final String ATTRIBUTE = RenderTokens.class.getName();

    private final PageStore store;
    private final Set<String> tokens = new LinkedHashSet<>();
    private long sum;
    private boolean unreadable;

    public RenderTokens(PageStore store) {
        this.store = store;
    }

    /** Adds tokens, with the sum of the counters of those new to this page read now (unless a read failed). */
    public synchronized void add(List<String> newTokens) {
        List<String> added = new ArrayList<>();
        for (String token : newTokens) {
            if (tokens.add(token)) {
                added.add(token);
            }
        }
        if (added.isEmpty() || unreadable) {
            return;
        }
        try {
            sum += store.tokenCounters().sum(added);
        } catch (RuntimeException e) {
            unreadable = true;
            store.backendFailed("reading token counters failed; the page is served uncached", e);
        }
    }

    /** Whether a token counter could not be read: a page stored now could never be invalidated by its tokens. */
    public synchronized boolean unreadable() {
        return unreadable;
    }

    /** The stamp of the tokens added so far. */
    public synchronized TokenStamp stamp() {
        return tokens.isEmpty() ? TokenStamp.NONE : new TokenStamp(List.copyOf(tokens), sum);
    }
}
