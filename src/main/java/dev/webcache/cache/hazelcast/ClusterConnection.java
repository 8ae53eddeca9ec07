package dev.webcache.cache.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.client.map.impl.nearcache.NearCachedClientMapProxy;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import dev.webcache.cache.spi.BackendUnavailableException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Hazelcast instance of a registry, shared by all its {@code hazelcast} caches: an embedded member or a
 * client. Closing it shuts the instance down, which ends every Hazelcast thread it started.
 *
 * <p>An embedded member declares each cache's map (entry bound, backups, near cache) to the whole cluster; a second
 * application that declares the same alias differently fails to start. A client leaves the maps to the cluster's
 * own configuration and only adds its near caches. It starts asynchronously and waits at most
 * {@code connect-timeout} for the cluster; past that the application starts anyway and cache calls fail at once
 * until the client, which keeps reconnecting in the background, reaches the cluster. While disconnected, calls fail
 * immediately instead of waiting.
 *
 * <p>Every cache call goes through {@link #call}: it waits at most its deadline and passes the
 * {@link CircuitBreaker}, so a frozen or unreachable member never holds a request longer than the deadline. Near
 * caches never outlive the cluster view they were filled in: they are emptied when a client loses or regains its
 * cluster and when a member leaves. Failure detection uses the configured heartbeat timeout instead of
 * Hazelcast's minute, and a member's graceful shutdown waits at most {@value #SHUTDOWN_WAIT_SECONDS} s for its
 * partitions to move, so an undeploy ends even while a peer is frozen.
 */
final class ClusterConnection implements AutoCloseable, LifecycleListener, ClusterHealthMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);
    /** How long a member's shutdown waits for its partitions to move away before it leaves anyway. */
    static final int SHUTDOWN_WAIT_SECONDS = 5;
    /** What {@link #readWithoutWaiting} answers when only another member has the entry. */
    static final Object REMOTE = new Object();
    /** The warning about Hazelcast's thread per asynchronous call concerns the JVM: it is logged once. */
    private static final AtomicBoolean THREAD_PER_CALL_REPORTED = new AtomicBoolean();

    private final ClusterSettings settings;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    /** The maps handed out, whose near caches are emptied when the cluster view changes. */
    private final Set<IMap<?, ?>> maps = ConcurrentHashMap.newKeySet();
    private volatile boolean connected;
    private CircuitBreaker breaker;
    private Config memberConfig;
    private ClientConfig clientConfig;
    private HazelcastInstance instance;
    private ObjectName mbeanName;

    private ClusterConnection(ClusterSettings settings) {
        this.settings = settings;
    }

    /** Starts the member, or the client (waiting at most the connect timeout for the cluster). */
    static ClusterConnection start(ClusterSettings settings) {
        if (ForkJoinPool.getCommonPoolParallelism() < 2 && !THREAD_PER_CALL_REPORTED.getAndSet(true)) {
            LOG.warn("webcache: the common fork-join pool of this JVM has {} thread(s), so Hazelcast completes every"
                    + " asynchronous call (each cache call that has to ask another member) on a new thread; start the"
                    + " JVM with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                    ForkJoinPool.getCommonPoolParallelism());
        }
        ClusterConnection connection = new ClusterConnection(settings);
        if (settings.client()) {
            connection.startClient();
        } else {
            connection.startMember();
        }
        connection.registerMBean();
        return connection;
    }

    private void startMember() {
        memberConfig = settings.configFile() != null ? loadMemberConfig(settings.configFile()) : memberConfigFromKeys();
        configureSerialization(memberConfig.getSerializationConfig());
        breaker = new CircuitBreaker(memberConfig.getClusterName());
        Properties properties = memberConfig.getProperties();
        setIfAbsent(properties, "hazelcast.heartbeat.interval.seconds", settings.heartbeatInterval().toSeconds());
        setIfAbsent(properties, "hazelcast.max.no.heartbeat.seconds", settings.heartbeatTimeout().toSeconds());
        setIfAbsent(properties, "hazelcast.graceful.shutdown.max.wait", SHUTDOWN_WAIT_SECONDS);
        instance = Hazelcast.newHazelcastInstance(memberConfig);
        connected = true;
        instance.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // entries read before stay valid: the new member only takes partitions over
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                // invalidations the removed member sent (or not) before it went are unknown
                clearNearCaches();
                // its partitions have new owners, which may answer where it did not
                breaker.probeSoon();
            }
        });
    }

    /** Sets a Hazelcast property unless a configuration file already set it. */
    private static void setIfAbsent(Properties properties, String name, long value) {
        if (properties.getProperty(name) == null) {
            properties.setProperty(name, Long.toString(value));
        }
    }

    private Config memberConfigFromKeys() {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        commonProperties(config.getProperties());
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.socket.client.bind.any", "false");
        // near caches learn of a change at once instead of in batches sent every 10 s
        config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members())
                .setConnectionTimeoutSeconds((int) settings.connectTimeout().toSeconds());
        return config;
    }

    private void startClient() {
        clientConfig = settings.configFile() != null ? loadClientConfig(settings.configFile()) : clientConfigFromKeys();
        configureSerialization(clientConfig.getSerializationConfig());
        breaker = new CircuitBreaker(clientConfig.getClusterName());
        clientConfig.setProperty("hazelcast.client.invocation.timeout.seconds",
                Long.toString(settings.operationTimeout().toSeconds()));
        Properties properties = clientConfig.getProperties();
        setIfAbsent(properties, "hazelcast.client.heartbeat.interval", settings.heartbeatInterval().toMillis());
        setIfAbsent(properties, "hazelcast.client.heartbeat.timeout", settings.heartbeatTimeout().toMillis());
        // webcache's failure behaviour: never block start-up or a request on a missing cluster
        ClientConnectionStrategyConfig strategy = clientConfig.getConnectionStrategyConfig();
        strategy.setAsyncStart(true).setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
        strategy.getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1);
        clientConfig.addListenerConfig(new ListenerConfig(this));
        instance = HazelcastClient.newHazelcastClient(clientConfig);
        try {
            if (!firstConnection.await(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("webcache: the Hazelcast cluster '{}' at {} is not reachable after {} s; hazelcast caches"
                                + " fail at once (pages are served uncached) until the client, which keeps trying in the"
                                + " background, connects", clientConfig.getClusterName(),
                        clientConfig.getNetworkConfig().getAddresses(), settings.connectTimeout().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ClientConfig clientConfigFromKeys() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.clusterName());
        commonProperties(config.getProperties());
        config.getNetworkConfig().setAddresses(settings.members());
        return config;
    }

    private static void commonProperties(java.util.Properties properties) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.logging.type", "slf4j");
        // the registry, closed with the web application, owns the instance's life
        properties.setProperty("hazelcast.shutdownhook.enabled", "false");
    }

    /** Registers webcache's types; Java serialization stays behind Hazelcast's default allow-list. */
    private static void configureSerialization(SerializationConfig serialization) {
        int id = WebcacheSerializableFactory.FACTORY_ID;
        if (!serialization.getDataSerializableFactories().containsKey(id)
                && !serialization.getDataSerializableFactoryClasses().containsKey(id)) {
            serialization.addDataSerializableFactory(id, new WebcacheSerializableFactory());
        }
        if (serialization.getJavaSerializationFilterConfig() == null) {
            serialization.setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
        }
    }

    private static Config loadMemberConfig(String location) {
        try (InputStream in = open(location)) {
            return isXml(location) ? new XmlConfigBuilder(in).build() : new YamlConfigBuilder(in).build();
        } catch (IOException e) {
            throw new UncheckedIOException("webcache.hazelcast.config: cannot read '" + location + "'", e);
        }
    }

    private static ClientConfig loadClientConfig(String location) {
        try (InputStream in = open(location)) {
            return isXml(location) ? new XmlClientConfigBuilder(in).build() : new YamlClientConfigBuilder(in).build();
        } catch (IOException e) {
            throw new UncheckedIOException("webcache.hazelcast.config: cannot read '" + location + "'", e);
        }
    }

    private static boolean isXml(String location) {
        return location.toLowerCase(java.util.Locale.ROOT).endsWith(".xml");
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(ClusterSettings.CLASSPATH)) {
            String resource = location.substring(ClusterSettings.CLASSPATH.length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = (loader != null ? loader : ClusterConnection.class.getClassLoader())
                    .getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such class path resource");
            }
            return in;
        }
        return new FileInputStream(location);
    }

    /** Whether this is a client (which leaves the maps' configuration to the cluster). */
    boolean isClient() {
        return clientConfig != null;
    }

    /**
     * Declares the map of one cache before its first use: entry bound and backups (member only) and near cache.
     *
     * @throws InvalidConfigurationException if the cluster already has this map with another configuration
     */
    synchronized void configureMap(String name, MapBound bound, int nearCacheEntries, boolean nearCache) {
        if (clientConfig != null) {
            if (nearCache && clientConfig.getNearCacheConfigMap().get(name) == null) {
                clientConfig.addNearCacheConfig(nearCacheConfig(name, nearCacheEntries));
            }
            return;
        }
        if (settings.configFile() != null && memberConfig.getMapConfigOrNull(name) != null) {
            return; // the Hazelcast file configures this map itself
        }
        MapConfig map = new MapConfig(name).setBackupCount(settings.backupCount());
        map.getEvictionConfig().setEvictionPolicy(EvictionPolicy.LRU).setMaxSizePolicy(bound.policy())
                .setSize(bound.size());
        if (nearCache) {
            map.setNearCacheConfig(nearCacheConfig(name, nearCacheEntries).setCacheLocalEntries(true));
        }
        instance.getConfig().addMapConfig(map);
    }

    private static NearCacheConfig nearCacheConfig(String name, int maxEntries) {
        // entries are immutable, so the near cache may hand out the same object to every reader
        return new NearCacheConfig(name).setInMemoryFormat(InMemoryFormat.OBJECT).setInvalidateOnChange(true)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(maxEntries));
    }

    /** The map named {@code name}; fails at once while a client is not connected. */
    IMap<String, StoredEntry> map(String name) {
        failIfDisconnected();
        IMap<String, StoredEntry> map = instance.getMap(name);
        maps.add(map);
        return map;
    }

    /**
     * Runs one cache call: refused at once while a client is disconnected or the breaker is open, else waits at
     * most {@code deadline} for the cluster's answer.
     *
     * @throws BackendUnavailableException past the deadline, or when refused at once
     */
    <T> T call(Supplier<? extends CompletionStage<T>> operation, Duration deadline) {
        failIfDisconnected();
        boolean probe = breaker.admit();
        boolean answered = false;
        try {
            T result = operation.get().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            answered = true;
            return result;
        } catch (TimeoutException e) {
            breaker.timedOut(probe);
            probe = false; // its outcome is reported
            throw new BackendUnavailableException("the Hazelcast cluster did not answer within "
                    + deadline.toMillis() + " ms (webcache.hazelcast." + ClusterSettings.CALL_TIMEOUT + ")", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while waiting for the Hazelcast cluster", e);
        } finally {
            if (probe) {
                breaker.probed(answered);
            }
        }
    }

    /**
     * Reads {@code key} without waiting for another member when that is possible: from the near cache, or (member)
     * from a partition this member owns. Such reads are served even while the breaker is open: nothing they do can
     * wait on a sick member.
     *
     * @return the entry or {@code null} when it is absent, or {@link #REMOTE} when only another member can answer
     */
    Object readWithoutWaiting(IMap<String, StoredEntry> map, String key) {
        failIfDisconnected();
        NearCache<Object, Object> nearCache = nearCacheOf(map);
        if (nearCache != null) {
            Object cached = nearCache.get(key);
            if (cached == NearCache.CACHED_AS_NULL) {
                return null;
            }
            if (cached instanceof StoredEntry entry) {
                return entry;
            }
        }
        if (clientConfig == null) {
            // null while the partition has no owner (during a migration): then it goes the waiting way
            Member owner = instance.getPartitionService().getPartition(key).getOwner();
            if (owner != null && owner.localMember()) {
                return map.get(key);
            }
        }
        return REMOTE;
    }

    /** The near cache behind {@code map}, or {@code null}. Hazelcast has no public access to it. */
    private static NearCache<Object, Object> nearCacheOf(IMap<?, ?> map) {
        if (map instanceof NearCachedClientMapProxy<?, ?> near) {
            return near.getNearCache();
        }
        if (map instanceof NearCachedMapProxyImpl<?, ?> near) {
            return near.getNearCache();
        }
        return null;
    }

    /** The deadline of a call on a request's path. */
    Duration callTimeout() {
        return settings.callTimeout();
    }

    /** The deadline of a call off the request path, such as {@code clear}. */
    Duration operationTimeout() {
        return settings.operationTimeout();
    }

    private void failIfDisconnected() {
        if (!connected) {
            throw new BackendUnavailableException("the Hazelcast client is not connected to its cluster; it keeps"
                    + " reconnecting in the background");
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new BackendUnavailableException("a Hazelcast call failed", cause);
    }

    /** Empties every near cache of this instance (a client's or a member's). */
    private void clearNearCaches() {
        for (IMap<?, ?> map : maps) {
            // evictAll() would also empty the cluster's map
            NearCache<Object, Object> nearCache = nearCacheOf(map);
            if (nearCache != null) {
                nearCache.clear();
            }
        }
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        switch (event.getState()) {
            case CLIENT_CONNECTED -> {
                // reads that raced with the disconnection may have refilled a near cache with what it missed
                clearNearCaches();
                connected = true;
                breaker.probeSoon();
                if (firstConnection.getCount() == 0) {
                    LOG.info("webcache: the Hazelcast client is connected to its cluster again");
                }
                firstConnection.countDown();
            }
            case CLIENT_DISCONNECTED -> {
                // while disconnected no invalidation arrives: nothing read before may be served
                connected = false;
                clearNearCaches();
                LOG.warn("webcache: the Hazelcast client lost its cluster; its near caches are emptied and cache calls"
                        + " fail at once until it reconnects (in the background)");
            }
            default -> { }
        }
    }

    private void registerMBean() {
        var server = ManagementFactory.getPlatformMBeanServer();
        String base = "dev.webcache:type=HazelcastCluster,name=" + ObjectName.quote(clusterName());
        try {
            for (int number = 1; ; number++) {
                ObjectName name = new ObjectName(number == 1 ? base : base + ",instance=" + number);
                try {
                    server.registerMBean(this, name);
                    mbeanName = name;
                    return;
                } catch (InstanceAlreadyExistsException taken) {
                    // another application of this JVM reaches the same cluster
                }
            }
        } catch (JMException e) {
            LOG.warn("webcache: the health of the Hazelcast cluster could not be registered with JMX", e);
        }
    }

    private String clusterName() {
        return clientConfig != null ? clientConfig.getClusterName() : memberConfig.getClusterName();
    }

    @Override
    public String getCircuitState() {
        return breaker.state().name();
    }

    @Override
    public long getCallTimeouts() {
        return breaker.timeouts();
    }

    @Override
    public long getCallsRejected() {
        return breaker.rejected();
    }

    @Override
    public long getTimesOpened() {
        return breaker.timesOpened();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException e) {
                LOG.debug("{} was not registered any more", mbeanName, e);
            }
        }
        connected = false;
        if (instance != null) {
            instance.shutdown();
        }
    }
}
