package dev.webcache.page;

import java.util.Map;

/**
 * The counters of one page-cache filter or {@code @CachePage} servlet, as JMX shows them: registered as
 * {@code dev.webcache:type=PageCache,context=<context path>,name=<filter or servlet name>} while it is in service.
 * The meaning of each counter is that of {@link PageCacheStatistics}.
 */
public interface PageCacheMXBean {
    long getHits();

    long getNotModified();

    long getMisses();

    long getStaleServed();

    long getCoalescedWaits();

    long getStores();

    long getBytesStored();

    long getBypasses();

    /** Responses not stored, by {@link Refusal} name. */
    Map<String, Long> getRefusals();
}
