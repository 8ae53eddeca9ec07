package dev.webcache.memo;

import dev.webcache.cache.ImmutableValue;
import dev.webcache.cache.spi.SizedValue;

/**
 * What a {@link Memoizer} puts in the cache. Every form holds bytes that are never changed after construction, so
 * a local backend keeps them by reference instead of copying them.
 */
sealed interface StoredValue extends ImmutableValue, SizedValue {
    /** Flag bit: the stream is zlib-compressed. */
    byte COMPRESSED = 1;
    /** Flag bit: the stream is AES-GCM encrypted (nonce first, tag last). */
    byte ENCRYPTED = 2;

    /** A whole stream under the main key. */
    record Inline(byte flags, byte[] data) implements StoredValue {
        private static final long serialVersionUID = 1L;

        @Override
        public long retainedBytes() {
            return 48 + data.length;
        }

        public Inline {
            if (data == null) {
                throw new IllegalArgumentException("no data");
            }
        }
    }

    /**
     * The main key's entry of chunked data, written after every chunk: the chunk count and the generation that
     * each chunk of this write carries, so a reader never combines chunks of two writes.
     */
    record Chunked(byte flags, long generation, int count) implements StoredValue {
        private static final long serialVersionUID = 1L;

        @Override
        public long retainedBytes() {
            return 40;
        }
        /** More would be a corrupt entry: 64 K chunks are 64 GiB. */
        static final int MAX_COUNT = 1 << 16;

        public Chunked {
            if (count < 1 || count > MAX_COUNT) {
                throw new IllegalArgumentException("chunk count out of range: " + count);
            }
        }
    }

    /** Chunk {@code index} of the write {@code generation}, stored under {@code <key>-<index>}. */
    record Chunk(long generation, int index, byte[] data) implements StoredValue {
        private static final long serialVersionUID = 1L;

        @Override
        public long retainedBytes() {
            return 48 + data.length;
        }

        public Chunk {
            if (data == null || index < 0) {
                throw new IllegalArgumentException("no data or a negative index");
            }
        }
    }
}
