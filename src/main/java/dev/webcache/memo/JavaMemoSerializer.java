package dev.webcache.memo;

import dev.webcache.cache.ApplicationObjectInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.NoSuchElementException;

/**
 * Java serialization of an item stream: each item is preceded by {@code true}; {@code false} ends the stream. The
 * object table is reset after every {@value #RESET_ITEMS} items or {@value #RESET_BYTES} bytes, so the writer holds
 * on to a bounded number of items already written, while class descriptors are not repeated for every item (which
 * would double the stream of small items and make reading it several times slower).
 */
final class JavaMemoSerializer implements MemoSerializer {
    static final JavaMemoSerializer INSTANCE = new JavaMemoSerializer();
    static final int RESET_ITEMS = 64;
    static final int RESET_BYTES = 1 << 20;

    private JavaMemoSerializer() {
    }

    @Override
    public ItemWriter writer(OutputStream out) throws IOException {
        CountingStream counted = new CountingStream(out);
        ObjectOutputStream objects = new ObjectOutputStream(counted);
        return new ItemWriter() {
            private int items;
            private long resetAt;

            @Override
            public void write(Object item) throws IOException {
                objects.writeBoolean(true);
                objects.writeObject(item);
                if (++items == RESET_ITEMS || counted.count - resetAt >= RESET_BYTES) {
                    objects.reset();
                    items = 0;
                    resetAt = counted.count;
                }
            }

            @Override
            public void finish() throws IOException {
                objects.writeBoolean(false);
                objects.flush();
            }
        };
    }

    @Override
    public ItemReader reader(InputStream in, ObjectInputFilter filter) throws IOException {
        ObjectInputStream objects = new ApplicationObjectInputStream(in);
        objects.setObjectInputFilter(filter);
        return new ItemReader() {
            private Boolean more;

            @Override
            public boolean hasNext() throws IOException {
                if (more == null) {
                    more = objects.readBoolean();
                }
                return more;
            }

            @Override
            public Object next() throws IOException, ClassNotFoundException {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                more = null;
                return objects.readObject();
            }
        };
    }

    @Override
    public String toString() {
        return "java";
    }

    /** Counts the bytes that reach the underlying stream. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
