package dev.webcache.taglib;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.JspTagException;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code <cache:fragment name="sidebar" timeout="600" vary="${user.id}" using="alias" tokens="movies">}: Django's
 * {@code {% cache %}}. The body is rendered once and stored under {@link FragmentKeys#of(String, java.util.Collection)
 * FragmentKeys.of(name, vary values)}; later uses write the stored text until it expires or is deleted.
 *
 * <ul>
 *   <li>{@code name} (required): the fragment's name; may be an expression.</li>
 *   <li>{@code timeout}: whole seconds; empty, {@code none} or null for forever; absent for the cache's default;
 *       0 or less stores nothing. Anything else is an error naming the tag and the value.</li>
 *   <li>{@code vary}: one value, or a collection/array of values (an EL list {@code ${[user.id, lang]}}).</li>
 *   <li>{@code using}: the cache alias; by default {@code template_fragments} if configured, else
 *       {@code default}. An unknown alias is an error naming the tag and the alias.</li>
 *   <li>{@code tokens}: token names ({@code "movies, books"} or a collection); the fragment is then used only while
 *       the sum of their counters is unchanged (see {@link dev.webcache.tokens.TokenCounters}).</li>
 * </ul>
 */
public class FragmentTag extends CachingTag {
    private String name;
    private Object timeout;
    private boolean timeoutSet;
    private Object vary;
    private boolean varySet;
    private String using;
    private Object tokens;

    public void setName(String name) {
        this.name = name;
    }

    public void setTimeout(Object timeout) {
        this.timeout = timeout;
        this.timeoutSet = true;
    }

    public void setVary(Object vary) {
        this.vary = vary;
        this.varySet = true;
    }

    public void setUsing(String using) {
        this.using = using;
    }

    public void setTokens(Object tokens) {
        this.tokens = tokens;
    }

    @Override
    String describe() {
        return "<cache:fragment name=\"" + name + "\">";
    }

    @Override
    public void doTag() throws JspException, IOException {
        Duration expiry = null;
        if (timeoutSet) {
            try {
                expiry = TagValues.timeout(timeout);
            } catch (IllegalArgumentException e) {
                throw new JspTagException(describe() + ": " + e.getMessage());
            }
        }
        Registry registry = registry();
        render(registry.caches(), fragmentCache(registry, using), MadeKeys.of(name, varySet, vary),
                TagValues.tokens(tokens), expiry);
    }
}
