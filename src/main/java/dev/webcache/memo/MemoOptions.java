package dev.webcache.memo;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How one {@link Memoizer} call caches its data: expiration, overwrite, large-data chunking, compression,
 * encryption and the optional lock. Immutable: every method returns a changed copy, so a shared constant such as
 * {@code MemoOptions.defaults().largeData(true)} can be refined per call.
 */
public final class MemoOptions {
    /** The expiration when none is given: 30 days, as djblets. */
    public static final Duration DEFAULT_EXPIRATION = Duration.ofDays(30);

    private static final MemoOptions DEFAULTS = new MemoOptions(DEFAULT_EXPIRATION, false, false, null, false, null,
            null, null, MemoSerializer.java());

    private final Duration expiration;
    private final boolean forceOverwrite;
    private final boolean largeData;
    private final Boolean compress;
    private final boolean encrypt;
    private final byte[] encryptionKey;
    private final Duration lockWait;
    private final Duration lockLease;
    private final MemoSerializer serializer;

    private MemoOptions(Duration expiration, boolean forceOverwrite, boolean largeData, Boolean compress,
                        boolean encrypt, byte[] encryptionKey, Duration lockWait, Duration lockLease,
                        MemoSerializer serializer) {
        this.expiration = expiration;
        this.forceOverwrite = forceOverwrite;
        this.largeData = largeData;
        this.compress = compress;
        this.encrypt = encrypt;
        this.encryptionKey = encryptionKey;
        this.lockWait = lockWait;
        this.lockLease = lockLease;
        this.serializer = serializer;
    }

    /**
     * Expiration 30 days, no overwrite, small data, compression only for large data and iterators, encryption only
     * when {@code webcache.memo.force-encryption} is on, no lock, Java serialization.
     */
    public static MemoOptions defaults() {
        return DEFAULTS;
    }

    /** How long the data stays cached; {@code Cache.FOREVER} never expires, zero or negative stores nothing. */
    public MemoOptions expiration(Duration expiration) {
        return new MemoOptions(Objects.requireNonNull(expiration, "expiration"), forceOverwrite, largeData, compress,
                encrypt, encryptionKey, lockWait, lockLease, serializer);
    }

    /** Whether to skip the read and always compute and store (a refresh); the lock is not used then. */
    public MemoOptions forceOverwrite(boolean forceOverwrite) {
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey, lockWait,
                lockLease, serializer);
    }

    /**
     * Whether {@code memoize} stores the value as one serialized stream split in chunks of at most
     * {@link Memoizer#CHUNK_SIZE} bytes, for values too big for one cache entry. {@code memoizeIter} always does.
     */
    public MemoOptions largeData(boolean largeData) {
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey, lockWait,
                lockLease, serializer);
    }

    /** Whether the serialized stream is zlib-compressed; by default on for large data and iterators, off otherwise. */
    public MemoOptions compress(boolean compress) {
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey, lockWait,
                lockLease, serializer);
    }

    /**
     * Whether the data is encrypted with AES-GCM and stored under an HMAC of its key. Needs a key: the configured
     * {@code webcache.memo.encryption-key} or {@link #encryptionKey(byte[])}. With
     * {@code webcache.memo.force-encryption = true} every call encrypts, whatever this says.
     */
    public MemoOptions encrypt(boolean encrypt) {
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey, lockWait,
                lockLease, serializer);
    }

    /**
     * The AES key (16, 24 or 32 bytes) to use instead of the configured one; it also keys the HMAC of the cache
     * keys. Setting it does not turn encryption on.
     *
     * @throws IllegalArgumentException if the key is not 16, 24 or 32 bytes long
     */
    public MemoOptions encryptionKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes long, not " + key.length);
        }
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, key.clone(), lockWait,
                lockLease, serializer);
    }

    /**
     * Lets one caller compute on a miss while the others wait: the computing caller holds a lock entry (the cache's
     * atomic {@code add}) for at most {@code lease} on the cache's clock, renewed while it stores chunks, so a
     * caller that dies frees it at lease end. Waiting callers poll, with backoff, for the value or the lock, for at
     * most {@code maxWait}; after that they compute anyway.
     *
     * @throws IllegalArgumentException if a duration is not positive
     */
    public MemoOptions lock(Duration maxWait, Duration lease) {
        if (maxWait.isNegative() || maxWait.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lock's wait and lease must be positive: " + maxWait + ", " + lease);
        }
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey, maxWait, lease,
                serializer);
    }

    /** How items become bytes and back; Java serialization by default. */
    public MemoOptions serializer(MemoSerializer serializer) {
        return new MemoOptions(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey, lockWait,
                lockLease, Objects.requireNonNull(serializer, "serializer"));
    }

    Duration expiration() {
        return expiration;
    }

    boolean forceOverwrite() {
        return forceOverwrite;
    }

    boolean largeData() {
        return largeData;
    }

    /** Whether to compress a stream that is chunked ({@code chunked}) or stored in one entry. */
    boolean compresses(boolean chunked) {
        return compress != null ? compress : chunked;
    }

    boolean encrypt() {
        return encrypt;
    }

    /** The key override, or {@code null}. Not copied: callers only read it. */
    byte[] encryptionKey() {
        return encryptionKey;
    }

    /** The lock's longest wait, or {@code null} without a lock. */
    Duration lockWait() {
        return lockWait;
    }

    Duration lockLease() {
        return lockLease;
    }

    MemoSerializer serializer() {
        return serializer;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemoOptions that && expiration.equals(that.expiration)
                && forceOverwrite == that.forceOverwrite && largeData == that.largeData
                && Objects.equals(compress, that.compress) && encrypt == that.encrypt
                && Arrays.equals(encryptionKey, that.encryptionKey) && Objects.equals(lockWait, that.lockWait)
                && Objects.equals(lockLease, that.lockLease) && serializer.equals(that.serializer);
    }

    @Override
    public int hashCode() {
        // the key stays out of the hash: hashes end up in logs and maps
        return Objects.hash(expiration, forceOverwrite, largeData, compress, encrypt, encryptionKey != null,
                lockWait, lockLease, serializer);
    }

    /** Describes the options; never shows the key itself. */
    @Override
    public String toString() {
        return "MemoOptions[expiration=" + expiration + ", forceOverwrite=" + forceOverwrite + ", largeData="
                + largeData + ", compress=" + (compress == null ? "default" : compress) + ", encrypt=" + encrypt
                + (encryptionKey == null ? "" : ", own key") + (lockWait == null ? ""
                : ", lock(wait " + lockWait + ", lease " + lockLease + ")") + ", serializer=" + serializer + "]";
    }
}
