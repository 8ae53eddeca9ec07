package dev.webcache.page.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget of direct body copies: never exceeded, and given back once the copies' pages are gone. */
class DirectBodiesTest {
    @Test
    void copiesStopAtTheBudgetAndItsBytesReturnOnceTheCopiesAreCollected() throws InterruptedException {
        DirectBodies bodies = new DirectBodies(100_000);
        List<ByteBuffer> held = new ArrayList<>();
        byte[] page = new byte[30_000];
        page[29_999] = 7;
        for (int i = 0; i < 3; i++) {
            ByteBuffer copy = bodies.copyOf(page);
            assertNotNull(copy, "copy " + i);
            assertTrue(copy.isDirect() && copy.isReadOnly());
            assertEquals(ByteBuffer.wrap(page), copy);
            held.add(copy);
        }
        assertNull(bodies.copyOf(page), "a fourth would pass the budget");
        held.add(bodies.copyOf(new byte[10_000]));
        assertNotNull(held.get(3), "a smaller one still fits");
        assertEquals(100_000, bodies.usedBytes());

        held.clear();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (bodies.usedBytes() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, bodies.usedBytes(), "the copies nobody holds are given back");
        assertNotNull(bodies.copyOf(page));
    }
}
