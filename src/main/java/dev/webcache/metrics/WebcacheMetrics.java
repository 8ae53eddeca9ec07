package dev.webcache.metrics;

import dev.webcache.cache.Cache;
import dev.webcache.cache.CacheStatistics;
import dev.webcache.cache.Caches;
import dev.webcache.page.PageCacheMXBean;
import dev.webcache.page.Refusal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Micrometer {@link MeterBinder} for webcache, in the manner of Micrometer's own cache binders. Per cache alias:
 * {@code cache.gets} ({@code result=hit|miss}), {@code cache.puts}, {@code cache.size} and
 * {@code webcache.cache.memory} (where the backend can tell) and {@code webcache.memo.computations}, tagged
 * {@code cache=<alias>}. In a web application, per page-cache configuration (a filter or a {@code @CachePage}
 * servlet), tagged {@code context} and {@code name} as its MBean: {@code webcache.page.requests}
 * ({@code result=hit|stale|miss|bypass}), {@code webcache.page.not.modified}, {@code webcache.page.coalesced.waits},
 * {@code webcache.page.stores}, {@code webcache.page.stored} (bytes) and {@code webcache.page.refusals}
 * ({@code reason=<Refusal>}, one per reason).
 *
 * <p>Page-cache configurations come and go with their filters: the binder follows their MBeans
 * ({@link PageCacheMXBean}), so one bound before the filters start (in a {@code ServletContextListener}) sees them
 * all, and every value is the MBean's. {@link #close()} removes what it registered; call it when the application
 * stops.
 *
 * <pre>
 * WebcacheMetrics metrics = new WebcacheMetrics(servletContext);
 * metrics.bindTo(registry);
 * </pre>
 */
public final class WebcacheMetrics implements MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebcacheMetrics.class);

    private final Caches caches;
    /** The pattern of this application's page-cache MBeans; {@code null} outside a web application. */
    private final ObjectName pagePattern;
    private final Tags tags;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<Binding> bindings = new ArrayList<>();

    /** Meters for the caches and page caches of a web application where webcache has started. */
    public WebcacheMetrics(ServletContext context) {
        this(context, Tags.empty());
    }

    /**
     * Meters for the caches and page caches of a web application, with {@code tags} on every meter.
     *
     * @throws IllegalStateException if webcache has not started in {@code context}
     */
    public WebcacheMetrics(ServletContext context, Iterable<Tag> tags) {
        this(Caches.from(context), pagePattern(context.getContextPath()), tags);
    }

    /** Meters for the caches of a registry built outside a web application (no page caches there). */
    public WebcacheMetrics(Caches caches, Iterable<Tag> tags) {
        this(caches, null, tags);
    }

    private WebcacheMetrics(Caches caches, ObjectName pagePattern, Iterable<Tag> tags) {
        this.caches = Objects.requireNonNull(caches, "caches");
        this.pagePattern = pagePattern;
        this.tags = Tags.of(tags);
    }

    private static ObjectName pagePattern(String contextPath) {
        try {
            return new ObjectName("dev.webcache:type=PageCache,context="
                    + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath) + ",*");
        } catch (JMException e) {
            throw new IllegalArgumentException("context path " + contextPath, e);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Binding binding = new Binding(registry);
        synchronized (bindings) {
            bindings.add(binding);
        }
        for (String alias : caches.aliases()) {
            binding.bindAlias(caches.get(alias));
        }
        if (pagePattern != null) {
            binding.followPageCaches();
        }
    }

    /** Stops following page caches and removes every meter this binder registered. */
    @Override
    public void close() {
        synchronized (bindings) {
            bindings.forEach(Binding::close);
            bindings.clear();
        }
    }

    /** The meters of one registry, and the MBean registrations they follow. */
    private final class Binding implements NotificationListener {
        private final MeterRegistry registry;
        private final List<Meter> aliasMeters = new ArrayList<>();
        /** The meters of each page-cache MBean, with the proxy they read (meters hold their object weakly). */
        private final Map<ObjectName, PageMeters> pageMeters = new LinkedHashMap<>();
        private boolean listening;
        private boolean closed;

        Binding(MeterRegistry registry) {
            this.registry = registry;
        }

        synchronized void bindAlias(Cache cache) {
            CacheStatistics statistics = cache.statistics();
            Tags aliasTags = tags.and("cache", cache.alias());
            aliasMeters.add(FunctionCounter.builder("cache.gets", statistics, CacheStatistics::hits)
                    .tags(aliasTags).tag("result", "hit")
                    .description("Look-ups through the low-level API that found a value").register(registry));
            aliasMeters.add(FunctionCounter.builder("cache.gets", statistics, CacheStatistics::misses)
                    .tags(aliasTags).tag("result", "miss")
                    .description("Look-ups through the low-level API that found nothing").register(registry));
            aliasMeters.add(FunctionCounter.builder("cache.puts", statistics, CacheStatistics::puts)
                    .tags(aliasTags).description("Values stored through the low-level API").register(registry));
            aliasMeters.add(FunctionCounter.builder("webcache.memo.computations", statistics,
                            CacheStatistics::memoComputations)
                    .tags(aliasTags).description("Values a memoizer computed because they were not cached")
                    .register(registry));
            if (statistics.entries().isPresent()) {
                aliasMeters.add(Gauge.builder("cache.size", statistics, s -> orNaN(s.entries()))
                        .tags(aliasTags).description("The entries the backend holds (a Hazelcast member: its own)")
                        .register(registry));
            }
            if (statistics.bytes().isPresent()) {
                aliasMeters.add(Gauge.builder("webcache.cache.memory", statistics, s -> orNaN(s.bytes()))
                        .tags(aliasTags).baseUnit(BaseUnits.BYTES)
                        .description("The memory the backend's entries take (a Hazelcast member: its own)")
                        .register(registry));
            }
        }

        void followPageCaches() {
            try {
                server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, this, null, null);
            } catch (InstanceNotFoundException e) {
                throw new IllegalStateException("the platform MBean server has no delegate", e);
            }
            synchronized (this) {
                listening = true;
                for (ObjectName name : server.queryNames(pagePattern, null)) {
                    add(name);
                }
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!(notification instanceof MBeanServerNotification registration)
                    || !pagePattern.apply(registration.getMBeanName())) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(registration.getType())) {
                    add(registration.getMBeanName());
                } else if (MBeanServerNotification.UNREGISTRATION_NOTIFICATION.equals(registration.getType())) {
                    remove(registration.getMBeanName());
                }
            }
        }

        private void add(ObjectName name) {
            if (closed || pageMeters.containsKey(name)) {
                return;
            }
            PageCacheMXBean mbean = JMX.newMXBeanProxy(server, name, PageCacheMXBean.class);
            String instance = name.getKeyProperty("instance");
            Tags pageTags = tags.and("context", ObjectName.unquote(name.getKeyProperty("context")),
                    "name", ObjectName.unquote(name.getKeyProperty("name")) + (instance == null ? "" : "#" + instance));
            List<Meter> meters = new ArrayList<>();
            meters.add(counter("webcache.page.requests", mbean, PageCacheMXBean::getHits, pageTags.and("result", "hit"),
                    "Requests answered from a fresh stored page (304s included)"));
            meters.add(counter("webcache.page.requests", mbean, PageCacheMXBean::getStaleServed,
                    pageTags.and("result", "stale"), "Requests answered from a stale page"));
            meters.add(counter("webcache.page.requests", mbean, PageCacheMXBean::getMisses,
                    pageTags.and("result", "miss"), "Requests rendered by the application after a look-up"));
            meters.add(counter("webcache.page.requests", mbean, PageCacheMXBean::getBypasses,
                    pageTags.and("result", "bypass"), "Requests passed on without a look-up"));
            meters.add(counter("webcache.page.not.modified", mbean, PageCacheMXBean::getNotModified, pageTags,
                    "Hits answered with 304 Not Modified"));
            meters.add(counter("webcache.page.coalesced.waits", mbean, PageCacheMXBean::getCoalescedWaits, pageTags,
                    "Requests that waited for another request's render of the same page"));
            meters.add(counter("webcache.page.stores", mbean, PageCacheMXBean::getStores, pageTags, "Pages stored"));
            meters.add(FunctionCounter.builder("webcache.page.stored", mbean,
                            m -> read(m, PageCacheMXBean::getBytesStored))
                    .tags(pageTags).baseUnit(BaseUnits.BYTES)
                    .description("Bytes of the page bodies stored, as stored (compressed where they were)")
                    .register(registry));
            for (Refusal reason : Refusal.values()) {
                meters.add(counter("webcache.page.refusals", mbean,
                        m -> m.getRefusals().getOrDefault(reason.name(), 0L), pageTags.and("reason", reason.name()),
                        "Responses to misses that were not stored, by reason"));
            }
            pageMeters.put(name, new PageMeters(mbean, meters));
        }

        private FunctionCounter counter(String meterName, PageCacheMXBean mbean, ToLongFunction<PageCacheMXBean> value,
                                        Tags meterTags, String description) {
            return FunctionCounter.builder(meterName, mbean, m -> read(m, value))
                    .tags(meterTags).description(description).register(registry);
        }

        private void remove(ObjectName name) {
            PageMeters removed = pageMeters.remove(name);
            if (removed != null) {
                removed.meters().forEach(registry::remove);
            }
        }

        synchronized void close() {
            closed = true;
            if (listening) {
                try {
                    server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, this);
                } catch (JMException e) {
                    LOG.debug("webcache metrics: the MBean listener was gone already", e);
                }
            }
            new ArrayList<>(pageMeters.keySet()).forEach(this::remove);
            aliasMeters.forEach(registry::remove);
            aliasMeters.clear();
        }
    }

    /** The meters of one page-cache configuration and the MBean proxy they read. */
    private record PageMeters(PageCacheMXBean mbean, List<Meter> meters) {
    }

    /** An attribute of an MBean that may have gone between a scrape and its unregistration: then NaN. */
    private static double read(PageCacheMXBean mbean, ToLongFunction<PageCacheMXBean> attribute) {
        try {
            return attribute.applyAsLong(mbean);
        } catch (RuntimeException gone) {
            return Double.NaN;
        }
    }

    private static double orNaN(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : Double.NaN;
    }
}
