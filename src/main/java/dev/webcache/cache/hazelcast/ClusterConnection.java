package dev.webcache.cache.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
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
import com.hazelcast.map.IMap;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 */
final class ClusterConnection implements AutoCloseable, LifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);

    private final ClusterSettings settings;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private Config memberConfig;
    private ClientConfig clientConfig;
    private HazelcastInstance instance;

    private ClusterConnection(ClusterSettings settings) {
        this.settings = settings;
    }

    /** Starts the member, or the client (waiting at most the connect timeout for the cluster). */
    static ClusterConnection start(ClusterSettings settings) {
        ClusterConnection connection = new ClusterConnection(settings);
        if (settings.client()) {
            connection.startClient();
        } else {
            connection.startMember();
        }
        return connection;
    }

    private void startMember() {
        memberConfig = settings.configFile() != null ? loadMemberConfig(settings.configFile()) : memberConfigFromKeys();
        configureSerialization(memberConfig.getSerializationConfig());
        instance = Hazelcast.newHazelcastInstance(memberConfig);
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
        clientConfig.setProperty("hazelcast.client.invocation.timeout.seconds",
                Long.toString(settings.operationTimeout().toSeconds()));
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
        return instance.getMap(name);
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
            firstConnection.countDown();
        }
    }

    @Override
    public void close() {
        if (instance != null) {
            instance.shutdown();
        }
    }
}
