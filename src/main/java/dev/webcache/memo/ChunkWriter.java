package dev.webcache.memo;

import dev.webcache.cache.Cache;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The sink of a chunked stream: stores each full chunk as soon as a byte beyond it arrives (so a stream of exactly
 * n chunks' worth of bytes is n chunks, never n + 1 with an empty one), and on {@link #commit()} the last chunk and
 * then the main entry. Until the commit nothing is readable; an abandoned writer leaves chunks that expire.
 */
final class ChunkWriter extends OutputStream {
    private static final int FIRST_BUFFER = 8 * 1024;

    private final Cache cache;
    private final String mainKey;
    private final IntFunction<String> chunkKey;
    private final byte flags;
    private final long generation;
    private final Duration expiration;
    private final Runnable afterStore;
    private byte[] buffer;
    private int filled;
    private int stored;

    /** @param afterStore runs after every stored chunk (renews the lock) */
    ChunkWriter(Cache cache, String mainKey, IntFunction<String> chunkKey, byte flags, long generation,
                Duration expiration, Runnable afterStore) {
        this.cache = cache;
        this.mainKey = mainKey;
        this.chunkKey = chunkKey;
        this.flags = flags;
        this.generation = generation;
        this.expiration = expiration;
        this.afterStore = afterStore;
        this.buffer = new byte[FIRST_BUFFER];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (filled == Memoizer.CHUNK_SIZE) {
                storeChunk(buffer);
                // a stream that filled one chunk is large: the next buffer is a whole chunk at once
                buffer = new byte[Memoizer.CHUNK_SIZE];
                filled = 0;
            } else if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(Memoizer.CHUNK_SIZE, buffer.length * 2));
            }
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Closing only ends the writing; {@link #commit()} is what makes the data readable. */
    @Override
    public void close() {
    }

    /** Stores the last chunk, then the main entry with the count and generation: from then on readers see it. */
    void commit() {
        storeChunk(filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled));
        buffer = null;
        cache.set(mainKey, new StoredValue.Chunked(flags, generation, stored), expiration);
    }

    private void storeChunk(byte[] data) {
        if (stored == StoredValue.Chunked.MAX_COUNT) {
            throw new IllegalStateException("the data is larger than " + StoredValue.Chunked.MAX_COUNT + " chunks");
        }
        cache.set(chunkKey.apply(stored), new StoredValue.Chunk(generation, stored, data), expiration);
        stored++;
        afterStore.run();
    }
}
