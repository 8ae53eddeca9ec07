package dev.webcache.cache.hazelcast;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checked {@code webcache.hazelcast.*} section: how this application reaches the cluster that every
 * {@code hazelcast} cache of the registry shares.
 *
 * @param client           whether to connect as a client (else start an embedded member)
 * @param clusterName      the cluster to join or connect to
 * @param members          TCP-IP join list (member) or the addresses to connect to (client)
 * @param port             the embedded member's own port
 * @param bindAddress      the one local address the embedded member binds to
 * @param configFile       a Hazelcast YAML/XML file ({@code classpath:} or a file path) used instead of the keys
 *                         above, or {@code null}
 * @param connectTimeout   how long start-up waits for the cluster (member: per address of the join list)
 * @param operationTimeout how long a call off the request path ({@code clear}, creating a map's proxy) may wait,
 *                         and Hazelcast's own budget for retrying a client call
 * @param backupCount      synchronous backups of every entry (member; a client leaves it to the cluster)
 * @param callTimeout      the deadline of every cache call on a request's path (reads and writes)
 * @param heartbeatInterval how often members (and a client) send heartbeats
 * @param heartbeatTimeout  how long without a heartbeat before a member is removed from the cluster (member) or the
 *                          client drops its connection (client)
 */
record ClusterSettings(boolean client, String clusterName, List<String> members, int port, String bindAddress,
                       String configFile, Duration connectTimeout, Duration operationTimeout, int backupCount,
                       Duration callTimeout, Duration heartbeatInterval, Duration heartbeatTimeout) {

    static final String MODE = "mode";
    static final String CLUSTER_NAME = "cluster-name";
    static final String MEMBERS = "members";
    static final String PORT = "port";
    static final String INTERFACE = "interface";
    static final String CONFIG = "config";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String OPERATION_TIMEOUT = "operation-timeout";
    static final String BACKUP_COUNT = "backup-count";
    static final String CALL_TIMEOUT = "call-timeout";
    static final String HEARTBEAT_INTERVAL = "heartbeat-interval";
    static final String HEARTBEAT_TIMEOUT = "heartbeat-timeout";
    static final String CLASSPATH = "classpath:";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+])(:(\\d{1,5}))?");

    /** The keys of the section and the check of each value (an error message, or {@code null} when fine). */
    static Map<String, Function<String, String>> keys() {
        Map<String, Function<String, String>> keys = new LinkedHashMap<>();
        keys.put(MODE, v -> v.equals("member") || v.equals("client") ? null
                : "'" + v + "' is not allowed; use member (an embedded cluster member) or client");
        keys.put(CLUSTER_NAME, v -> NAME.matcher(v).matches() ? null
                : "'" + v + "' is not allowed; use letters, digits, '.', '_' and '-'");
        keys.put(MEMBERS, ClusterSettings::checkMembers);
        keys.put(PORT, v -> checkRange(v, 1, 65535, "a port number"));
        keys.put(INTERFACE, ClusterSettings::checkInterface);
        keys.put(CONFIG, ClusterSettings::checkConfigFile);
        keys.put(CONNECT_TIMEOUT, v -> checkRange(v, 1, 3600, "a whole number of seconds"));
        keys.put(OPERATION_TIMEOUT, v -> checkRange(v, 1, 3600, "a whole number of seconds"));
        keys.put(BACKUP_COUNT, v -> checkRange(v, 0, 6, "a number of backups"));
        keys.put(CALL_TIMEOUT, v -> checkRange(v, 1, 60_000, "a whole number of milliseconds"));
        keys.put(HEARTBEAT_INTERVAL, v -> checkRange(v, 1, 60, "a whole number of seconds"));
        keys.put(HEARTBEAT_TIMEOUT, v -> checkRange(v, 2, 600, "a whole number of seconds"));
        return keys;
    }

    /**
     * The settings of a checked section.
     *
     * @throws IllegalArgumentException naming the keys that do not go together
     */
    static ClusterSettings from(Map<String, String> section) {
        boolean client = section.getOrDefault(MODE, "member").equals("client");
        String configFile = section.get(CONFIG);
        List<String> problems = new ArrayList<>();
        if (configFile != null) {
            for (String key : List.of(CLUSTER_NAME, MEMBERS, PORT, INTERFACE)) {
                if (section.containsKey(key)) {
                    problems.add("webcache.hazelcast." + key + " cannot be combined with webcache.hazelcast.config;"
                            + " set it in " + configFile);
                }
            }
        }
        if (client) {
            for (String key : List.of(PORT, INTERFACE, BACKUP_COUNT)) {
                if (section.containsKey(key)) {
                    problems.add("webcache.hazelcast." + key + " is only for mode = member; a client binds nothing"
                            + " and leaves the maps' configuration to the cluster");
                }
            }
        }
        long heartbeatInterval = Long.parseLong(section.getOrDefault(HEARTBEAT_INTERVAL, "1"));
        long heartbeatTimeout = Long.parseLong(section.getOrDefault(HEARTBEAT_TIMEOUT, "10"));
        if (heartbeatTimeout <= heartbeatInterval) {
            problems.add("webcache.hazelcast." + HEARTBEAT_TIMEOUT + " (" + heartbeatTimeout + " s) must be longer than"
                    + " webcache.hazelcast." + HEARTBEAT_INTERVAL + " (" + heartbeatInterval + " s)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        int port = Integer.parseInt(section.getOrDefault(PORT, "5701"));
        String bindAddress = section.getOrDefault(INTERFACE, "127.0.0.1");
        List<String> members = section.containsKey(MEMBERS) ? split(section.get(MEMBERS))
                : List.of(client ? "127.0.0.1:5701" : bindAddress + ":" + port);
        return new ClusterSettings(client, section.getOrDefault(CLUSTER_NAME, "webcache"), members, port, bindAddress,
                configFile, Duration.ofSeconds(Long.parseLong(section.getOrDefault(CONNECT_TIMEOUT, "5"))),
                Duration.ofSeconds(Long.parseLong(section.getOrDefault(OPERATION_TIMEOUT, "3"))),
                Integer.parseInt(section.getOrDefault(BACKUP_COUNT, "1")),
                Duration.ofMillis(Long.parseLong(section.getOrDefault(CALL_TIMEOUT, "500"))),
                Duration.ofSeconds(heartbeatInterval), Duration.ofSeconds(heartbeatTimeout));
    }

    private static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static String checkMembers(String value) {
        List<String> members = split(value);
        if (members.isEmpty()) {
            return "no address given; use a comma-separated list of host:port, e.g. 10.0.0.1:5701,10.0.0.2:5701";
        }
        for (String member : members) {
            var matcher = ADDRESS.matcher(member);
            if (!matcher.matches() || (matcher.group(3) != null && checkRange(matcher.group(3), 1, 65535, "") != null)) {
                return "'" + member + "' is not allowed; use a comma-separated list of host:port, e.g."
                        + " 10.0.0.1:5701,10.0.0.2:5701";
            }
        }
        return null;
    }

    private static String checkInterface(String value) {
        var matcher = IPV4.matcher(value);
        if (matcher.matches()) {
            boolean valid = true;
            for (int group = 1; group <= 4; group++) {
                valid &= Integer.parseInt(matcher.group(group)) <= 255;
            }
            if (valid) {
                return null;
            }
        }
        return "'" + value + "' is not allowed; use the IPv4 address of this machine that the member binds to,"
                + " e.g. 127.0.0.1 or 10.0.0.1";
    }

    private static String checkConfigFile(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".xml"))) {
            return "'" + value + "' is not allowed; name a Hazelcast .yaml, .yml or .xml file (classpath:... or a"
                    + " file path)";
        }
        boolean exists;
        if (value.startsWith(CLASSPATH)) {
            String resource = value.substring(CLASSPATH.length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            exists = (loader != null ? loader : ClusterSettings.class.getClassLoader()).getResource(resource) != null;
        } else {
            exists = new File(value).isFile();
        }
        return exists ? null : "the file '" + value + "' does not exist";
    }

    private static String checkRange(String value, long min, long max, String what) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return "'" + value + "' is not allowed; use " + what + " from " + min + " to " + max;
    }
}
