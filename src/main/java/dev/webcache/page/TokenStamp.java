package dev.webcache.page;

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
record TokenStamp(List<String> tokens, long sum) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final TokenStamp NONE = new TokenStamp(List.of(), 0);

    TokenStamp {
        tokens = List.copyOf(tokens);
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }
}
