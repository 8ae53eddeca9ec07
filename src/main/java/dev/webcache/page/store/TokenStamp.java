package dev.webcache.page.store;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * The tokens a page was rendered under and the sum of their counters read before the data they guard: the page is
 * stale once the sum changes, as an {@code <cache:icache>} fragment is.
 *
 * @param tokens distinct tokens, in the order they were given
 * @param sum    the sum of their counters when the page was rendered
 */
public record TokenStamp(List<String> tokens, long sum) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** No tokens. */
    public static final TokenStamp NONE = new TokenStamp(List.of(), 0);

    public TokenStamp {
        tokens = List.copyOf(tokens);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }
}
