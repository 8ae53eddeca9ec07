/**
 * What the page cache stores and how it is found, free of servlets: the key scheme ({@link
 * dev.webcache.page.store.PageKeys}), the immutable {@link dev.webcache.page.store.StoredPage} and its compact byte
 * form, the learned {@code Vary} of a URL, token stamps, and {@link dev.webcache.page.store.PageStore} (lookup, store,
 * invalidate on a {@code Cache}). Not API: the engine and {@code PageCache} use it, and it may change in any release.
 */
package dev.webcache.page.store;
