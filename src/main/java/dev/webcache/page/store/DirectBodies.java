package dev.webcache.page.store;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-only direct copies of stored bodies. A container writes a direct buffer to its socket as it is, where a heap
 * array is first copied into a direct buffer of the JDK's, on every hit; a page's copy is made once and shared by
 * all its hits. The copies of one web application are bounded in bytes: once the budget is spent, bodies are
 * written from the heap as before. A copy's bytes return to the budget when the page holding it has been collected
 * (noticed through a reference queue when the next copy is asked for, so no thread is started).
 */
final class DirectBodies {
    /** The most the copies may take, whatever the JVM's direct-memory limit. */
    static final long MAX_BUDGET = 256L << 20;

    static final DirectBodies SHARED = new DirectBodies(Math.min(MAX_BUDGET, directMemoryLimit() / 4));

    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final ReferenceQueue<ByteBuffer> collected = new ReferenceQueue<>();
    /** Keeps the references themselves reachable until the queue hands them back. */
    private final Set<Copy> live = ConcurrentHashMap.newKeySet();

    DirectBodies(long budget) {
        this.budget = budget;
    }

    /** A read-only direct copy of {@code bytes}, or {@code null} when the budget does not allow one. */
    ByteBuffer copyOf(byte[] bytes) {
        releaseCollected();
        if (used.addAndGet(bytes.length) > budget) {
            used.addAndGet(-bytes.length);
            return null;
        }
        ByteBuffer copy;
        try {
            copy = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        } catch (OutOfMemoryError directMemorySpent) {
            used.addAndGet(-bytes.length);
            return null;
        }
        live.add(new Copy(copy, bytes.length, collected));
        return copy;
    }

    /** The bytes the live copies take. */
    long usedBytes() {
        releaseCollected();
        return used.get();
    }

    private void releaseCollected() {
        for (Object reference = collected.poll(); reference != null; reference = collected.poll()) {
            Copy copy = (Copy) reference;
            if (live.remove(copy)) {
                used.addAndGet(-copy.size);
            }
        }
    }

    /**
     * The JVM's limit on direct buffers: {@code -XX:MaxDirectMemorySize}, which defaults to the maximum heap size.
     */
    private static long directMemoryLimit() {
        try {
            long configured = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxDirectMemorySize").getValue());
            return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException | LinkageError notHotSpot) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    private static final class Copy extends WeakReference<ByteBuffer> {
        private final long size;

        Copy(ByteBuffer copy, long size, ReferenceQueue<ByteBuffer> queue) {
            super(copy, queue);
            this.size = size;
        }
    }
}
