package dev.webcache.page.engine;

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

    /** Whether {@code out} writes buffers itself. */
    static boolean writesBuffers(ServletOutputStream out) {
        return WRITERS.get(out.getClass()) != null;
    }

    /** Writes the remaining bytes of {@code buffer}; {@code out} must be one that {@link #writesBuffers}. */
    static void write(ServletOutputStream out, ByteBuffer buffer) throws IOException {
        try {
            WRITERS.get(out.getClass()).invokeExact(out, buffer);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }
}
