package dev.webcache.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that resolves classes through the thread's context class loader (the web
 * application's, where its value classes live) before the default resolution (primitives, the library's own). Set
 * an {@link java.io.ObjectInputFilter} on it before reading bytes that came from outside the JVM.
 */
public final class ApplicationObjectInputStream extends ObjectInputStream {

    public ApplicationObjectInputStream(InputStream in) throws IOException {
        super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(desc.getName(), false, context);
            } catch (ClassNotFoundException e) {
                // not the application's: the default resolution below
            }
        }
        return super.resolveClass(desc);
    }
}
