package dev.webcache.taglib;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.JspTagException;
import java.io.IOException;
import java.util.List;

/**
 * {@code <cache:icache tokens="movies, user-42">}: django-icache's tag. The body is stored under a hash of the token
 * list in the order written, stamped with the sum of the tokens' counters, and used only while that sum is
 * unchanged, so {@code TokenCounters.of(caches.getDefault()).incr("movies")} makes every fragment carrying
 * {@code movies} render afresh. Stored in the {@code template_fragments} cache if configured, else {@code default},
 * for that cache's default timeout. Two tags with the same token list share one fragment: give each place its own
 * token (e.g. {@code "movies, movie-list"}).
 */
public class IcacheTag extends CachingTag {
    private Object tokens;

    public void setTokens(Object tokens) {
        this.tokens = tokens;
    }

    @Override
    String describe() {
        return "<cache:icache tokens=\"" + String.join(", ", TagValues.tokens(tokens)) + "\">";
    }

    @Override
    public void doTag() throws JspException, IOException {
        List<String> tokenList = TagValues.tokens(tokens);
        if (tokenList.isEmpty()) {
            throw new JspTagException(describe() + ": the tokens attribute names no token; write e.g."
                    + " tokens=\"movies\"");
        }
        Registry registry = registry();
        render(registry.caches(), registry.fragments(), FragmentKeys.icacheKey(tokenList), tokenList, null);
    }
}
