package dev.webcache.page.store;

import java.util.List;

/**
 * The result of a {@link PageStore#lookup}: the stored page if any, and what a later store of the same request
 * needs to know.
 *
 * @param urlPart       the URL part of the request's keys
 * @param generation    the URL's generation seen at lookup, or {@code null} when nothing was learned yet
 * @param variant       the request's variant under the learned {@code Vary}, or {@code null} when none is known
 * @param varyNames     the learned {@code Vary} names (lowercase), empty when none are known
 * @param page          the stored page, fresh or stale, or {@code null}
 * @param fresh         whether {@code page} is fresh
 * @param backendFailed whether the backend failed, so the response must not be stored
 */
public record Lookup(String urlPart, String generation, String variant, List<String> varyNames, StoredPage page,
                     boolean fresh, boolean backendFailed) {
    /** This lookup with its page kept but not usable as a fresh one (a stale page in it may still stand in). */
    public Lookup notUsable() {
        return fresh ? new Lookup(urlPart, generation, variant, varyNames, page, false, backendFailed) : this;
    }

    /** The key renders of this page coalesce on: the URL and, once the URL's {@code Vary} is known, the variant. */
    public String renderKey() {
        return variant == null ? urlPart : urlPart + '\n' + variant;
    }
}
