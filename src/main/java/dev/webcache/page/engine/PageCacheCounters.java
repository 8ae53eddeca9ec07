package dev.webcache.page.engine;

import dev.webcache.page.PageCacheMXBean;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.Refusal;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters of one page-cache engine, cheap to bump from many threads, and their JMX registration. */
final class PageCacheCounters implements PageCacheMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(PageCacheCounters.class);

    final LongAdder hits = new LongAdder();
    final LongAdder notModified = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder staleServed = new LongAdder();
    final LongAdder coalescedWaits = new LongAdder();
    final LongAdder stores = new LongAdder();
    final LongAdder bytesStored = new LongAdder();
    final LongAdder bypasses = new LongAdder();
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);

    PageCacheCounters() {
        for (Refusal reason : Refusal.values()) {
            refusals.put(reason, new LongAdder());
        }
    }

    void refused(Refusal reason) {
        refusals.get(reason).increment();
    }

    PageCacheStatistics snapshot() {
        Map<Refusal, Long> byReason = new EnumMap<>(Refusal.class);
        refusals.forEach((reason, count) -> byReason.put(reason, count.sum()));
        return new PageCacheStatistics(hits.sum(), notModified.sum(), misses.sum(), staleServed.sum(),
                coalescedWaits.sum(), stores.sum(), bytesStored.sum(), byReason, bypasses.sum());
    }

    @Override
    public long getHits() {
        return hits.sum();
    }

    @Override
    public long getNotModified() {
        return notModified.sum();
    }

    @Override
    public long getMisses() {
        return misses.sum();
    }

    @Override
    public long getStaleServed() {
        return staleServed.sum();
    }

    @Override
    public long getCoalescedWaits() {
        return coalescedWaits.sum();
    }

    @Override
    public long getStores() {
        return stores.sum();
    }

    @Override
    public long getBytesStored() {
        return bytesStored.sum();
    }

    @Override
    public long getBypasses() {
        return bypasses.sum();
    }

    @Override
    public Map<String, Long> getRefusals() {
        Map<String, Long> byName = new LinkedHashMap<>();
        refusals.forEach((reason, count) -> byName.put(reason.name(), count.sum()));
        return byName;
    }

    /**
     * Registers these counters with the platform MBean server; a second configuration with the same context and
     * name gets an {@code instance} key. JMX trouble is logged, never fatal: the page cache works without it.
     *
     * @return the name registered, or {@code null}
     */
    ObjectName register(String contextPath, String name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String base = "dev.webcache:type=PageCache,context=" + ObjectName.quote(contextPath.isEmpty() ? "/"
                : contextPath) + ",name=" + ObjectName.quote(name);
        try {
            for (int instance = 1; ; instance++) {
                ObjectName objectName = new ObjectName(instance == 1 ? base : base + ",instance=" + instance);
                try {
                    server.registerMBean(this, objectName);
                    return objectName;
                } catch (InstanceAlreadyExistsException taken) {
                    // another configuration of the same name (a redeploy in progress, a second filter mapping)
                }
            }
        } catch (JMException e) {
            LOG.warn("page cache '{}': its counters could not be registered with JMX", name, e);
            return null;
        }
    }

    static void unregister(ObjectName objectName) {
        if (objectName == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
        } catch (JMException e) {
            LOG.debug("{} was not registered any more", objectName, e);
        }
    }
}
