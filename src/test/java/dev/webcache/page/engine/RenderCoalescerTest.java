package dev.webcache.page.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The render latch and its hit-for-miss memory, without a container. */
class RenderCoalescerTest {

    @Test
    void aFullHitForMissMemoryForgetsItsOldestRefusalNotTheNewest() {
        RenderCoalescer coalescer = new RenderCoalescer();
        long now = 1_000;
        for (int i = 0; i <= 20_000; i++) {
            RenderCoalescer.Render render = coalescer.claim("refused-" + i);
            assertNotNull(render);
            render.release(false, now);
        }
        assertNotNull(coalescer.recentRefusal("refused-20000", now), "the newest refusal is remembered");
        assertFalse(coalescer.recentRefusal("refused-10001", now).declared());
        assertNull(coalescer.recentRefusal("refused-0", now), "the oldest gave way");
        assertNull(coalescer.recentRefusal("refused-20000", now + 10_000), "a mark ends after ten seconds");

        RenderCoalescer.Render again = coalescer.claim("refused-10001");
        again.release(true, now);
        assertNull(coalescer.recentRefusal("refused-10001", now), "a stored render clears the mark");
    }

    @Test
    void aDeclaredRefusalIsRememberedAsSuchUntilTheKeysNextRenderEnds() {
        RenderCoalescer coalescer = new RenderCoalescer();
        coalescer.remember("private-page", false, true, 1_000);
        assertTrue(coalescer.recentRefusal("private-page", 1_000).declared());
        assertNull(coalescer.recentRefusal("private-page", 11_000), "a mark ends after ten seconds");
        coalescer.remember("private-page", false, true, 20_000);
        coalescer.claim("private-page").release(true, 21_000);
        assertNull(coalescer.recentRefusal("private-page", 21_000), "a stored render clears it");
    }

    @Test
    void oneRenderPerKeyAndWaitersAreReleased() {
        RenderCoalescer coalescer = new RenderCoalescer();
        RenderCoalescer.Render owner = coalescer.claim("page");
        assertNotNull(owner);
        assertNull(coalescer.claim("page"), "a second claim waits instead");
        assertFalse(coalescer.awaitRender("page", Duration.ofMillis(10)), "still rendering");
        owner.release(true, 0);
        assertTrue(coalescer.awaitRender("page", Duration.ofMillis(10)));
        assertNotNull(coalescer.claim("page"), "free again");
    }
}
