package dev.webcache.page.engine;

import dev.webcache.page.store.StoredPage;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

/**
 * Writes a {@link ByteBuffer} through a container's output stream when the stream's class has a public
 * {@code write(ByteBuffer)}: Jetty's and Tomcat's do (and Servlet 6.1 makes it standard), and they hand a direct
 * buffer to the socket without copying it. A stream without one (a wrapper of an application's filter) is written
 * the stored array instead.
 */
final class ContainerOutput {
    private static final MethodType WRITE_BUFFER = MethodType.methodType(void.class, ByteBuffer.class);
    private static final ClassValue<MethodHandle> WRITERS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup().findVirtual(type, "write", WRITE_BUFFER)
                        .asType(MethodType.methodType(void.class, ServletOutputStream.class, ByteBuffer.class));
            } catch (NoSuchMethodException | IllegalAccessException noneOrNotPublic) {
                return null;
            }
        }
    };

    private ContainerOutput() {
    }

    /**
     * Writes the body of {@code page} in one encoding from its shared direct copy, when {@code out} writes buffers
     * itself and the page has a copy ({@link StoredPage#directBody}); the copy is asked for only then.
     *
     * @return whether the body was written; if not, nothing was
     */
    static boolean write(ServletOutputStream out, StoredPage page, boolean gzip) throws IOException {
        MethodHandle write = WRITERS.get(out.getClass());
        ByteBuffer direct = write == null ? null : page.directBody(gzip);
        if (direct == null) {
            return false;
        }
        try {
            write.invokeExact(out, direct);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
        return true;
    }
}
