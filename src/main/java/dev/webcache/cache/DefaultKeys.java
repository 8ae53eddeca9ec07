package dev.webcache.cache;

/**
 * Makes and checks the final keys of one cache version under Django's default key function,
 * {@code prefix:version:key}: the head {@code prefix:version:} is checked once, so only the caller's part is
 * scanned, and the latest portable keys are remembered by their caller's key. A remembered final key is the very
 * string the backend hashed and stored before, so a read finds it without building, scanning or hashing a new
 * string. Keys that need the full check (long, or with a character memcached refuses) are never remembered, so
 * they warn or fail exactly as {@link KeyChecker} decides, every time.
 */
final class DefaultKeys {
    /** 4,096 slots: 16 KiB of references, holding at most that many keys of up to 83 characters. */
    private static final int SLOT_BITS = 12;
    /** Fibonacci hashing spreads the near-equal hashes of keys that differ in a trailing number. */
    private static final int SPREAD = 0x9E3779B9;

    private final String head;
    private final boolean headPortable;
    private final KeyChecker checker;
    /** Direct-mapped and written without locks: a lost or overwritten slot only costs one more key building. */
    private final Made[] recent;

    /** One final key and the caller's key it was made of; final fields make it safe to share through a race. */
    private record Made(String key, String finalKey) {
    }

    /**
     * @param remember whether to remember recent keys: for the cache's configured version, not for the version
     *                 views that callers make per call
     */
    DefaultKeys(String prefix, int version, KeyChecker checker, boolean remember) {
        this.head = KeyFunctions.DEFAULT.makeKey("", prefix, version);
        this.headPortable = !KeyChecker.hasForbiddenChar(head);
        this.checker = checker;
        this.recent = remember ? new Made[1 << SLOT_BITS] : null;
    }

    /** The checked final key of {@code key} (not null). */
    String make(String key) {
        Made[] slots = recent;
        int slot = 0;
        if (slots != null) {
            // two ways: a key lives in either slot of its pair, so two hot keys that share a slot do not evict
            // each other on every call
            slot = (key.hashCode() * SPREAD) >>> (Integer.SIZE - SLOT_BITS);
            Made made = slots[slot];
            if (made != null && key.equals(made.key)) {
                return made.finalKey;
            }
            Made other = slots[slot ^ 1];
            if (other != null && key.equals(other.key)) {
                return other.finalKey;
            }
            if (made != null && other == null) {
                slot ^= 1;
            }
        }
        String finalKey = head.concat(key);
        if (headPortable && finalKey.length() <= KeyChecker.SURELY_SHORT && !KeyChecker.hasForbiddenChar(key)) {
            if (slots != null) {
                slots[slot] = new Made(key, finalKey);
            }
        } else {
            checker.check(finalKey);
        }
        return finalKey;
    }
}
