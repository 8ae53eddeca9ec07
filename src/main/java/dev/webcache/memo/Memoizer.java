package dev.webcache.memo;

import dev.webcache.cache.Cache;
import dev.webcache.cache.DeserializationFilter;
import dev.webcache.cache.ImproperlyConfiguredException;
import dev.webcache.cache.ThrottledLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * djblets' {@code cache_memoize} and {@code cache_memoize_iter} on a {@link Cache}: returns cached data, or computes
 * it, stores it and returns it.
 *
 * <ul>
 *   <li>A cached {@code null} is a hit. Data expires after {@link MemoOptions#DEFAULT_EXPIRATION} unless the
 *       options say otherwise.</li>
 *   <li>Large data and iterators are one serialized stream, zlib-compressed by default, split into chunks of at
 *       most {@link #CHUNK_SIZE} bytes under {@code <key>-0 .. <key>-n}; the main key, written last, holds the
 *       count and a generation id that every chunk repeats. A missing chunk or a chunk of another write is a
 *       miss.</li>
 *   <li>Encrypted data (AES-GCM, random nonce per value) lives under the HMAC-SHA256 of its key. Data that fails
 *       authentication or decoding is a miss, found before anything is returned, logged and rebuilt.</li>
 *   <li>Deserialization admits only JDK value types, webcache's own classes and the cache's
 *       {@code allowed-classes}; a refused class is a miss and is never instantiated.</li>
 *   <li>A failing backend never fails the call: the fresh data is returned in full and the failure is logged once
 *       per interval.</li>
 * </ul>
 *
 * <p>Configuration ({@code webcache.properties}): {@code webcache.memo.encryption-key} (base64 of 16, 24 or 32
 * bytes), {@code webcache.memo.force-encryption} and {@code webcache.memo.site-name} (the key prefix). Thread-safe;
 * instances are cheap, and all instances of one cache share their failure logs.
 */
public final class Memoizer {
    /** The largest chunk: djblets' size, 1 MiB less room for the key and the backend's item overhead. */
    public static final int CHUNK_SIZE = (1 << 20) - 1024;
    /** The longest unencrypted memo key; longer ones end with the SHA-256 of the whole key. */
    public static final int MAX_KEY_LENGTH = MemoKeys.MAX_KEY_LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(Memoizer.class);
    private static final Map<Cache, Failures> FAILURES = Collections.synchronizedMap(new WeakHashMap<>());
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Object ABSENT = new Object();

    private final Cache cache;
    private final String sitePrefix;
    private final MemoKeys.Secrets configuredSecrets;
    private final boolean forceEncryption;
    private final DeserializationFilter filter;
    private final Failures failures;

    /** The throttled logs of one cache's memo failures, one per kind so that each kind is reported. */
    private record Failures(ThrottledLog unreadable, ThrottledLog reading, ThrottledLog storing, ThrottledLog lock) {
        static Failures create() {
            Clock clock = Clock.systemUTC();
            return new Failures(new ThrottledLog(LOG, clock, ThrottledLog.DEFAULT_INTERVAL),
                    new ThrottledLog(LOG, clock, ThrottledLog.DEFAULT_INTERVAL),
                    new ThrottledLog(LOG, clock, ThrottledLog.DEFAULT_INTERVAL),
                    new ThrottledLog(LOG, clock, ThrottledLog.DEFAULT_INTERVAL));
        }
    }

    private Memoizer(Cache cache, String sitePrefix, MemoKeys.Secrets configuredSecrets, boolean forceEncryption,
                     DeserializationFilter filter) {
        this.cache = cache;
        this.sitePrefix = sitePrefix;
        this.configuredSecrets = configuredSecrets;
        this.forceEncryption = forceEncryption;
        this.filter = filter;
        this.failures = FAILURES.computeIfAbsent(cache, c -> Failures.create());
    }

    /** A memoizer on {@code cache}, keys prefixed with {@code webcache.memo.site-name} when it is set. */
    public static Memoizer of(Cache cache) {
        return of(cache, "");
    }

    /**
     * A memoizer on {@code cache} whose keys are prefixed with {@code webcache.memo.site-name} when it is set, else
     * with {@code defaultSitePrefix} (a web application passes its context path; empty for no prefix).
     *
     * @throws ImproperlyConfiguredException if the cache's {@code allowed-classes} are not valid filter patterns
     */
    public static Memoizer of(Cache cache, String defaultSitePrefix) {
        Map<String, String> globals = cache.settings().globals();
        String siteName = globals.getOrDefault("memo.site-name", "");
        String encoded = globals.get("memo.encryption-key");
        MemoKeys.Secrets secrets = encoded == null ? null : MemoKeys.Secrets.of(Base64.getDecoder().decode(encoded));
        boolean force = Boolean.parseBoolean(globals.getOrDefault("memo.force-encryption", "false"));
        return new Memoizer(cache, siteName.isEmpty() ? defaultSitePrefix : siteName, secrets, force,
                allowList(cache));
    }

    private static DeserializationFilter allowList(Cache cache) {
        try {
            return DeserializationFilter.allowing(cache.settings().allowedClasses(), cache.isShared());
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException("webcache.caches." + cache.alias() + ".allowed-classes: "
                    + e.getMessage() + "; use class names or patterns such as com.example.* or com.example.**", e);
        }
    }

    /** The memo key of {@code key} with the default options (an HMAC when force-encryption is on). */
    public String makeCacheKey(String key) {
        return makeCacheKey(key, MemoOptions.defaults());
    }

    /**
     * The memo key of {@code key} (before the cache's own key function adds its prefix and version): the site
     * prefix and the key, as the HMAC-SHA256 hex of both when {@code options} encrypt, otherwise with control
     * characters and spaces escaped as {@code \xNN} and, past {@value #MAX_KEY_LENGTH} characters, shortened to
     * 176 characters plus the SHA-256 hex of the whole.
     */
    public String makeCacheKey(String key, MemoOptions options) {
        return new Call(key, options).memoKey;
    }

    /** {@link #memoize(String, Supplier, MemoOptions)} with the default options. */
    public <T> T memoize(String key, Supplier<? extends T> supplier) {
        return memoize(key, supplier, MemoOptions.defaults());
    }

    /**
     * The cached value of {@code key}, or the supplier's value, stored before it is returned. The supplier runs
     * only on a miss; its exceptions propagate and nothing is stored.
     *
     * @throws IllegalStateException if encryption is asked for and no key is configured or given
     */
    @SuppressWarnings("unchecked")
    public <T> T memoize(String key, Supplier<? extends T> supplier, MemoOptions options) {
        Call call = new Call(key, options);
        Found found = call.find(options.largeData() ? () -> {
            Codec.Payload payload = call.readChunked();
            return payload == null ? null : new Hit(payload.single());
        } : call::readInline);
        if (found.hit != null) {
            return (T) found.hit.value;
        }
        try {
            cache.statistics().recordMemoComputation();
            T value = supplier.get();
            if (options.largeData()) {
                ChunkedStore store = call.openStore(found.lock);
                if (store != null) {
                    store.write(value);
                    store.commit();
                }
            } else {
                call.storeInline(value);
            }
            return value;
        } finally {
            if (found.lock != null) {
                found.lock.release();
            }
        }
    }

    /** {@link #memoizeIter(String, Supplier, MemoOptions)} with the default options. */
    public <T> MemoIterator<T> memoizeIter(String key, Supplier<? extends Iterator<? extends T>> items) {
        return memoizeIter(key, items, MemoOptions.defaults());
    }

    /**
     * The items cached under {@code key}, read back lazily after the whole stored stream has been authenticated and
     * decoded once; or, on a miss, the supplier's items, each returned as soon as the supplier produces it and
     * written to the cache on the way. The data becomes readable only when the last item has been consumed; an
     * iteration given up before that stores nothing readable. With a lock, it is held until the iteration ends (or
     * is closed, or its lease ends).
     *
     * @throws IllegalStateException if encryption is asked for and no key is configured or given
     */
    @SuppressWarnings("unchecked")
    public <T> MemoIterator<T> memoizeIter(String key, Supplier<? extends Iterator<? extends T>> items,
                                           MemoOptions options) {
        Call call = new Call(key, options);
        Found found = call.find(() -> {
            Codec.Payload payload = call.readChunked();
            if (payload == null) {
                return null;
            }
            payload.validate();
            try {
                return new Hit(payload.open());
            } catch (IOException | RuntimeException e) {
                throw new UnreadableValueException("the data cannot be decoded: " + e, e);
            }
        });
        if (found.hit != null) {
            return new ReadingIterator<>(key, (Codec.Items) found.hit.value);
        }
        Iterator<? extends T> source;
        try {
            cache.statistics().recordMemoComputation();
            source = items.get();
        } catch (RuntimeException | Error e) {
            if (found.lock != null) {
                found.lock.release();
            }
            throw e;
        }
        return new StoringIterator<>(source, call.openStore(found.lock), found.lock);
    }

    /**
     * {@link #memoizeIter(String, Supplier, MemoOptions)} as a sequential stream; closing the stream closes the
     * iterator.
     */
    public <T> Stream<T> memoizeStream(String key, Supplier<? extends Iterator<? extends T>> items,
                                       MemoOptions options) {
        MemoIterator<T> iterator = memoizeIter(key, items, options);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                .onClose(iterator::close);
    }

    /** A value read from the cache ({@code null} included). */
    private record Hit(Object value) {
    }

    /** The outcome of a lookup: a hit, or a miss with the lock this caller now holds (if any). */
    private record Found(Hit hit, CacheLock lock) {
    }

    /** Reads the stored data: a hit, {@code null} when absent or incomplete, or an exception when corrupt. */
    @FunctionalInterface
    private interface Lookup {
        Hit read() throws UnreadableValueException;
    }

    /** One call's key and options, with the keys and codec they lead to. */
    private final class Call {
        private final String key;
        private final MemoOptions options;
        private final MemoKeys.Secrets secrets;
        private final String memoKey;

        Call(String key, MemoOptions options) {
            this.key = key;
            this.options = options;
            this.secrets = options.encrypt() || forceEncryption ? secrets(options) : null;
            this.memoKey = MemoKeys.make(sitePrefix, key, secrets);
        }

        private MemoKeys.Secrets secrets(MemoOptions options) {
            if (options.encryptionKey() != null) {
                return MemoKeys.Secrets.of(options.encryptionKey());
            }
            if (configuredSecrets == null) {
                throw new IllegalStateException("memo: encryption was asked for key '" + key + "' but there is no"
                        + " key: set webcache.memo.encryption-key or MemoOptions.encryptionKey(...)");
            }
            return configuredSecrets;
        }

        String chunkKey(int index) {
            return MemoKeys.make(sitePrefix, key + "-" + index, secrets);
        }

        String lockKey() {
            return MemoKeys.make(sitePrefix, "_lock_:" + key, secrets);
        }

        Codec codec(boolean chunked) {
            return new Codec(memoKey, options.compresses(chunked), secrets == null ? null : secrets.aes(),
                    options.serializer(), filter);
        }

        /**
         * Reads, unless forced to overwrite; on a miss with a lock option, waits (bounded) until this caller holds
         * the lock or the data appears.
         */
        Found find(Lookup lookup) {
            if (options.forceOverwrite()) {
                return new Found(null, null);
            }
            Hit hit = tryRead(lookup);
            if (hit != null || options.lockWait() == null) {
                return new Found(hit, null);
            }
            CacheLock lock = new CacheLock(cache, lockKey(), options.lockLease(), failures.lock());
            long deadline = System.nanoTime() + options.lockWait().toNanos();
            long pause = FIRST_PAUSE_NANOS;
            while (true) {
                try {
                    if (lock.tryAcquire()) {
                        hit = tryRead(lookup); // it may have been stored between the first read and the lock
                        if (hit != null) {
                            lock.release();
                            return new Found(hit, null);
                        }
                        return new Found(null, lock);
                    }
                    hit = cache.hasKey(memoKey) ? tryRead(lookup) : null;
                } catch (RuntimeException e) {
                    failures.reading().warn("memo: the lock or the data of key '" + key + "' cannot be read;"
                            + " computing without the lock", e);
                    return new Found(null, null);
                }
                if (hit != null) {
                    return new Found(hit, null);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    failures.lock().warn("memo: waited " + options.lockWait() + " for the lock of key '" + key
                            + "'; computing without it", null);
                    return new Found(null, null);
                }
                long jitter = ThreadLocalRandom.current().nextLong(pause / 4 + 1);
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(pause + jitter, remaining));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Found(null, null);
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            }
        }

        private Hit tryRead(Lookup lookup) {
            try {
                return lookup.read();
            } catch (UnreadableValueException e) {
                failures.unreadable().warn("memo: the cached data of key '" + key + "' is a miss and is rebuilt: "
                        + e.getMessage(), e.getCause());
            } catch (RuntimeException e) {
                failures.reading().warn("memo: reading key '" + key + "' failed; computing it afresh", e);
            }
            return null;
        }

        Hit readInline() throws UnreadableValueException {
            Object stored = cache.get(memoKey, ABSENT);
            if (!(stored instanceof StoredValue.Inline inline)) {
                if (stored != ABSENT) {
                    LOG.debug("memo: key '{}' holds another kind of entry ({}); a miss", key, kind(stored));
                }
                return null;
            }
            return new Hit(codec(false).decode(List.of(inline.data()), inline.flags(), Codec.INLINE, 0).single());
        }

        /** The stored chunks, authenticated; {@code null} when absent, incomplete, or mixed with another write. */
        Codec.Payload readChunked() throws UnreadableValueException {
            Object stored = cache.get(memoKey, ABSENT);
            if (!(stored instanceof StoredValue.Chunked head)) {
                if (stored != ABSENT) {
                    LOG.debug("memo: key '{}' holds another kind of entry ({}); a miss", key, kind(stored));
                }
                return null;
            }
            List<String> keys = new ArrayList<>(head.count());
            for (int i = 0; i < head.count(); i++) {
                keys.add(chunkKey(i));
            }
            Map<String, Object> found = cache.getMany(keys);
            List<byte[]> parts = new ArrayList<>(head.count());
            for (int i = 0; i < head.count(); i++) {
                Object chunk = found.get(keys.get(i));
                if (!(chunk instanceof StoredValue.Chunk part)) {
                    LOG.debug("memo: chunk {} of {} of key '{}' is missing; a miss", i, head.count(), key);
                    return null;
                }
                if (part.generation() != head.generation() || part.index() != i) {
                    LOG.debug("memo: chunk {} of key '{}' belongs to another write; a miss", i, key);
                    return null;
                }
                parts.add(part.data());
            }
            return codec(true).decode(parts, head.flags(), Codec.CHUNKED, head.generation());
        }

        void storeInline(Object value) {
            try {
                Codec codec = codec(false);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                Codec.Encoder encoder = codec.encoder(bytes, Codec.INLINE, 0);
                try {
                    encoder.write(value);
                } catch (IOException | RuntimeException e) {
                    encoder.abort();
                    throw e;
                }
                encoder.finish();
                cache.set(memoKey, new StoredValue.Inline(codec.flags(), bytes.toByteArray()), options.expiration());
            } catch (IOException | RuntimeException e) {
                storeFailed(e);
            }
        }

        /** A writer of chunks for this key, or {@code null} (logged) when it cannot even start. */
        ChunkedStore openStore(CacheLock lock) {
            try {
                Codec codec = codec(true);
                long generation = ThreadLocalRandom.current().nextLong();
                ChunkWriter sink = new ChunkWriter(cache, memoKey, this::chunkKey, codec.flags(), generation,
                        options.expiration(), lock == null ? () -> { } : lock::renew);
                return new ChunkedStore(this, codec.encoder(sink, Codec.CHUNKED, generation), sink);
            } catch (IOException | RuntimeException e) {
                storeFailed(e);
                return null;
            }
        }

        void storeFailed(Exception e) {
            failures.storing().warn("memo: storing key '" + key + "' failed; the data is returned but not cached", e);
        }
    }

    private static String kind(Object stored) {
        return stored == null ? "null" : stored.getClass().getName();
    }

    /** Streams items into chunks; the first failure is logged and stops the storing, never the caller. */
    private static final class ChunkedStore {
        private final Call call;
        private final Codec.Encoder encoder;
        private final ChunkWriter sink;
        private boolean stopped;

        ChunkedStore(Call call, Codec.Encoder encoder, ChunkWriter sink) {
            this.call = call;
            this.encoder = encoder;
            this.sink = sink;
        }

        void write(Object item) {
            if (stopped) {
                return;
            }
            try {
                encoder.write(item);
            } catch (IOException | RuntimeException e) {
                abort();
                call.storeFailed(e);
            }
        }

        void commit() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                encoder.finish();
                sink.commit();
            } catch (IOException | RuntimeException e) {
                call.storeFailed(e);
            }
        }

        void abort() {
            if (!stopped) {
                stopped = true;
                encoder.abort();
            }
        }
    }

    /** The supplier's items, stored as they pass; committed when the source is exhausted. */
    private static final class StoringIterator<T> implements MemoIterator<T> {
        private final Iterator<? extends T> source;
        private final ChunkedStore store;
        private final CacheLock lock;
        private boolean ended;

        StoringIterator(Iterator<? extends T> source, ChunkedStore store, CacheLock lock) {
            this.source = source;
            this.store = store;
            this.lock = lock;
        }

        @Override
        public boolean hasNext() {
            if (ended) {
                return false;
            }
            boolean more;
            try {
                more = source.hasNext();
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            if (!more) {
                ended = true;
                try {
                    if (store != null) {
                        store.commit();
                    }
                } finally {
                    if (lock != null) {
                        lock.release();
                    }
                }
            }
            return more;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T item;
            try {
                item = source.next();
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            if (store != null) {
                store.write(item);
            }
            return item;
        }

        @Override
        public void close() {
            if (ended) {
                return;
            }
            ended = true;
            if (store != null) {
                store.abort();
            }
            if (lock != null) {
                lock.release();
            }
        }
    }

    /** The items of a validated payload, decoded one at a time as they are asked for. */
    private static final class ReadingIterator<T> implements MemoIterator<T> {
        private final String key;
        private final Codec.Items items;
        private boolean ended;

        ReadingIterator(String key, Codec.Items items) {
            this.key = key;
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            if (ended) {
                return false;
            }
            try {
                boolean more = items.reader().hasNext();
                if (!more) {
                    close();
                }
                return more;
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(changed(), e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                return (T) items.reader().next();
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(changed(), e);
            } catch (ClassNotFoundException e) {
                close();
                throw new IllegalStateException(changed(), e);
            }
        }

        /** Only a class whose deserialization is not repeatable gets here: the same bytes decoded once already. */
        private String changed() {
            return "memo: the cached items of key '" + key + "' decoded differently on the second pass";
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                items.close();
            }
        }
    }
}
