package dev.webcache.cache;

import dev.webcache.cache.spi.CacheBackendFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and checks the {@code webcache.*} properties. Every problem is reported, each naming the property and what
 * is allowed, in one {@link ImproperlyConfiguredException}; keys outside {@code webcache.} are ignored.
 */
final class ConfigurationReader {
    static final String PREFIX = "webcache.";
    static final String CACHES = "caches";
    static final String DEFAULT_ALIAS = "default";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Map<String, String> BUILT_IN_BACKENDS = Map.of(
            "ehcache", "dev.webcache.cache.ehcache.EhcacheBackendFactory",
            "dummy", "dev.webcache.cache.dummy.DummyBackendFactory",
            "hazelcast", "dev.webcache.cache.hazelcast.HazelcastBackendFactory");
    private static final Set<String> CACHE_KEYS = Set.of("backend", "timeout", "key-prefix", "version",
            "key-function", "strict-keys", "allowed-classes");
    private static final Map<String, Function<String, String>> MEMO_KEYS = Map.of(
            "encryption-key", ConfigurationReader::checkEncryptionKey,
            "force-encryption", ConfigurationReader::checkBoolean,
            "site-name", value -> null);

    /** The checked configuration: the caches in file order, their factories, and the non-cache sections. */
    record Parsed(Map<String, CacheSettings> caches, Map<String, CacheBackendFactory> factories,
                  Map<String, String> globals) {
    }

    private final List<String> errors = new ArrayList<>();
    private final Map<String, CacheBackendFactory> factoriesByName = new LinkedHashMap<>();

    static Parsed read(Properties properties) {
        return new ConfigurationReader().parse(properties);
    }

    private Parsed parse(Properties properties) {
        Map<String, Map<String, String>> cacheProperties = new TreeMap<>();
        Map<String, Map<String, String>> sections = new TreeMap<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String value = properties.getProperty(name).trim();
            String[] parts = name.substring(PREFIX.length()).split("\\.", 3);
            if (parts[0].equals(CACHES)) {
                if (parts.length != 3 || !ALIAS.matcher(parts[1]).matches()) {
                    error(name, "not a cache property; write webcache.caches.<alias>.<property>, the alias made of"
                            + " letters, digits, '_' and '-'");
                    continue;
                }
                cacheProperties.computeIfAbsent(parts[1], alias -> new LinkedHashMap<>()).put(parts[2], value);
            } else if (parts.length == 2) {
                sections.computeIfAbsent(parts[0], section -> new LinkedHashMap<>()).put(parts[1], value);
            } else {
                error(name, "unknown key; allowed: webcache.caches.<alias>.<property>, webcache.memo.<key>, "
                        + "webcache.hazelcast.<key>");
            }
        }
        if (cacheProperties.isEmpty()) {
            cacheProperties.put(DEFAULT_ALIAS, Map.of("backend", "ehcache"));
        } else if (!cacheProperties.containsKey(DEFAULT_ALIAS)) {
            errors.add(PREFIX + CACHES + "." + DEFAULT_ALIAS + ".backend: no 'default' cache is configured, but every"
                    + " configuration needs one (configured: " + String.join(", ", cacheProperties.keySet())
                    + "); add e.g. webcache.caches.default.backend = ehcache");
        }
        Map<String, String> globals = readSections(sections);
        if ("true".equals(globals.get("memo.force-encryption")) && !globals.containsKey("memo.encryption-key")) {
            error(PREFIX + "memo.force-encryption", "true needs webcache.memo.encryption-key (the base64 of 16, 24 or"
                    + " 32 random bytes)");
        }
        Map<String, CacheSettings> caches = new LinkedHashMap<>();
        Map<String, CacheBackendFactory> factories = new LinkedHashMap<>();
        cacheProperties.forEach((alias, props) -> {
            CacheSettings settings = readCache(alias, props, globals);
            if (settings != null) {
                caches.put(alias, settings);
                factories.put(alias, factoriesByName.get(settings.backend()));
            }
        });
        if (!errors.isEmpty()) {
            throw new ImproperlyConfiguredException("webcache configuration is invalid:\n  " + String.join("\n  ", errors));
        }
        return new Parsed(caches, factories, globals);
    }

    private Map<String, String> readSections(Map<String, Map<String, String>> sections) {
        Map<String, String> globals = new TreeMap<>();
        sections.forEach((section, keys) -> {
            Map<String, Function<String, String>> allowed = sectionKeys(section);
            if (allowed == null) {
                return;
            }
            keys.forEach((key, value) -> {
                String name = PREFIX + section + "." + key;
                Function<String, String> check = allowed.get(key);
                if (check == null) {
                    error(name, "unknown key; allowed keys of webcache." + section + ": " + sorted(allowed.keySet()));
                    return;
                }
                String problem = check.apply(value);
                if (problem != null) {
                    error(name, problem);
                } else {
                    globals.put(section + "." + key, value);
                }
            });
        });
        return globals;
    }

    private Map<String, Function<String, String>> sectionKeys(String section) {
        if (section.equals("memo")) {
            return MEMO_KEYS;
        }
        if (BUILT_IN_BACKENDS.containsKey(section)) {
            CacheBackendFactory factory = factory(PREFIX + section, section);
            return factory == null ? null : factory.sectionKeys();
        }
        error(PREFIX + section, "unknown section; allowed: webcache.caches, webcache.memo, webcache.hazelcast");
        return null;
    }

    private CacheSettings readCache(String alias, Map<String, String> props, Map<String, String> globals) {
        String base = PREFIX + CACHES + "." + alias + ".";
        String backend = props.getOrDefault("backend", "ehcache");
        CacheBackendFactory factory = factory(base + "backend", backend);
        if (factory == null) {
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (CACHE_KEYS.contains(key)) {
                return;
            }
            if (!factory.optionNames().contains(key)) {
                Set<String> allowed = new TreeSet<>(CACHE_KEYS);
                allowed.addAll(factory.optionNames());
                error(base + key, "unknown key; allowed for a cache with backend " + backend + ": " + sorted(allowed));
                return;
            }
            String problem = factory.checkOption(key, value);
            if (problem != null) {
                error(base + key, problem);
            }
            options.put(key, value);
        });
        Duration timeout = timeout(base + "timeout", props.get("timeout"));
        int version = integer(base + "version", props.getOrDefault("version", "1"));
        KeyFunction keyFunction = keyFunction(base + "key-function", props.getOrDefault("key-function", "default"));
        boolean strictKeys = bool(base + "strict-keys", props.getOrDefault("strict-keys", "false"));
        List<String> allowedClasses = props.containsKey("allowed-classes")
                ? Arrays.stream(props.get("allowed-classes").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : List.of();
        return new CacheSettings(alias, backend, timeout, props.getOrDefault("key-prefix", ""), version, keyFunction,
                strictKeys, allowedClasses, options, globals);
    }

    private CacheBackendFactory factory(String property, String backend) {
        return factoriesByName.computeIfAbsent(backend, name -> {
            String className = BUILT_IN_BACKENDS.getOrDefault(name, name);
            Class<?> type;
            try {
                type = loadClass(className);
            } catch (ClassNotFoundException | LinkageError e) {
                if (BUILT_IN_BACKENDS.containsKey(name)) {
                    error(property, "backend '" + name + "' is not available: its library is not on the class path ("
                            + e + "); for hazelcast add the dependency com.hazelcast:hazelcast");
                } else {
                    error(property, "unknown backend '" + name + "'; allowed: " + sorted(BUILT_IN_BACKENDS.keySet())
                            + ", or the name of a class implementing " + CacheBackendFactory.class.getName());
                }
                return null;
            }
            if (!CacheBackendFactory.class.isAssignableFrom(type)) {
                error(property, "class " + className + " does not implement " + CacheBackendFactory.class.getName());
                return null;
            }
            return (CacheBackendFactory) instantiate(property, type);
        });
    }

    private KeyFunction keyFunction(String property, String value) {
        switch (value) {
            case "default":
                return KeyFunctions.DEFAULT;
            case "hashed":
                return KeyFunctions.HASHED;
            default:
                try {
                    Class<?> type = loadClass(value);
                    if (KeyFunction.class.isAssignableFrom(type)) {
                        return (KeyFunction) instantiate(property, type);
                    }
                    error(property, "class " + value + " does not implement " + KeyFunction.class.getName());
                } catch (ClassNotFoundException | LinkageError e) {
                    error(property, "'" + value + "' is not allowed; use default, hashed, or the name of a class"
                            + " implementing " + KeyFunction.class.getName());
                }
                return KeyFunctions.DEFAULT;
        }
    }

    private Object instantiate(String property, Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            error(property, "cannot create " + type.getName() + " with its public no-argument constructor: " + e);
            return null;
        }
    }

    private static Class<?> loadClass(String className) throws ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(className, true, context);
            } catch (ClassNotFoundException e) {
                // try the library's own loader below
            }
        }
        return Class.forName(className, true, ConfigurationReader.class.getClassLoader());
    }

    private Duration timeout(String property, String value) {
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        if (value.equalsIgnoreCase("none")) {
            return Cache.FOREVER;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            error(property, "'" + value + "' is not allowed; use a number of seconds (e.g. 300 or 0.5), 0 to store"
                    + " nothing, or none to never expire");
            return DEFAULT_TIMEOUT;
        }
    }

    private int integer(String property, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            error(property, "'" + value + "' is not allowed; use a whole number");
            return 1;
        }
    }

    private boolean bool(String property, String value) {
        String problem = checkBoolean(value);
        if (problem != null) {
            error(property, problem);
        }
        return Boolean.parseBoolean(value);
    }

    private static String checkBoolean(String value) {
        return value.equals("true") || value.equals("false") ? null : "'" + value + "' is not allowed; use true or false";
    }

    private static String checkEncryptionKey(String value) {
        try {
            int length = Base64.getDecoder().decode(value).length;
            if (length == 16 || length == 24 || length == 32) {
                return null;
            }
            return "the key is " + length + " bytes long; use the base64 of 16, 24 or 32 random bytes";
        } catch (IllegalArgumentException e) {
            return "not valid base64; use the base64 of 16, 24 or 32 random bytes";
        }
    }

    private void error(String property, String message) {
        errors.add(property + ": " + message);
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
