package dev.webcache.memo;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.util.NoSuchElementException;

/**
 * Java serialization of an item stream: each item is preceded by {@code true} and followed by a table reset, so the
 * writer never holds on to items already written; {@code false} ends the stream.
 */
final class JavaMemoSerializer implements MemoSerializer {
    static final JavaMemoSerializer INSTANCE = new JavaMemoSerializer();

    private JavaMemoSerializer() {
    }

    @Override
    public ItemWriter writer(OutputStream out) throws IOException {
        ObjectOutputStream objects = new ObjectOutputStream(out);
        return new ItemWriter() {
            @Override
            public void write(Object item) throws IOException {
                objects.writeBoolean(true);
                objects.writeObject(item);
                objects.reset();
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
        ObjectInputStream objects = new ContextObjectInputStream(in);
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

    /** Resolves classes through the web application's class loader first, where its value classes live. */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // not the application's: the default resolution finds primitives and the library's own classes
                }
            }
            return super.resolveClass(desc);
        }
    }
}
