package dev.webcache.memo;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.OutputStream;

/**
 * Turns memoized items into one byte stream and back. The stream marks its own end, so a reader can tell a complete
 * stream from a cut one. Java serialization ({@link #java()}) is the default; another format plugs in through
 * {@link MemoOptions#serializer}. Whatever the format, a reader creates only classes that the given
 * {@link ObjectInputFilter} allows (a JSON reader, for example, asks the filter about each target class before
 * creating it), and a refused class fails the read instead of creating anything.
 */
public interface MemoSerializer {

    /** Java serialization, items written one after the other with the object table reset between them. */
    static MemoSerializer java() {
        return JavaMemoSerializer.INSTANCE;
    }

    /** Starts a stream of items on {@code out}; the caller closes {@code out}. */
    ItemWriter writer(OutputStream out) throws IOException;

    /** Reads a stream of items from {@code in}, allowing only the classes {@code filter} allows. */
    ItemReader reader(InputStream in, ObjectInputFilter filter) throws IOException;

    /** Writes items; not thread-safe. */
    interface ItemWriter {
        /** Appends one item ({@code null} included). */
        void write(Object item) throws IOException;

        /** Marks the end of the items and flushes what the writer buffered to its stream. */
        void finish() throws IOException;
    }

    /** Reads the items of one stream in order; not thread-safe. */
    interface ItemReader {
        /** Whether another item follows; fails if the stream ends without its end mark. */
        boolean hasNext() throws IOException;

        /** The next item; call only after {@link #hasNext()} returned {@code true}. */
        Object next() throws IOException, ClassNotFoundException;
    }
}
