package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.ByteSize;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link EhcacheBackend}s. Each alias has a heap tier bounded in bytes: option {@code max-bytes} (default
 * {@value #DEFAULT_MAX_BYTES} bytes, 64 MB) is its budget, which Ehcache keeps by evicting; option
 * {@code max-entries} (no default) bounds its entry count as well. Options {@code offheap} (bytes) and {@code disk}
 * (bytes, in the directory {@code disk-path}, kept across restarts when {@code persistent = true}) add lower
 * tiers, each larger than the one above it; values in them are bytes. The aliases of one registry share one Ehcache
 * {@code CacheManager}, and those with a disk tier one per directory, which Ehcache locks: a second registry (another
 * web application, another JVM) on the same directory fails to start.
 */
public final class EhcacheBackendFactory implements CacheBackendFactory {
    /** The option that bounds the heap an alias holds. */
    public static final String MAX_BYTES = "max-bytes";
    /** The option that also bounds the entry count. */
    public static final String MAX_ENTRIES = "max-entries";
    /** The option that adds an off-heap tier of that many bytes. */
    public static final String OFFHEAP = "offheap";
    /** The option that adds a disk tier of that many bytes. */
    public static final String DISK = "disk";
    /** The option naming the directory of the disk tier. */
    public static final String DISK_PATH = "disk-path";
    /** The option that keeps the disk tier across restarts. */
    public static final String PERSISTENT = "persistent";
    /** The budget when {@code max-bytes} is not set: 64 MB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    @Override
    public Set<String> optionNames() {
        return Set.of(MAX_BYTES, MAX_ENTRIES, OFFHEAP, DISK, DISK_PATH, PERSISTENT);
    }

    @Override
    public String checkOption(String option, String value) {
        switch (option) {
            case MAX_ENTRIES:
                try {
                    if (Long.parseLong(value.trim()) > 0) {
                        return null;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                return "'" + value + "' is not allowed; use a whole number of entries greater than 0";
            case MAX_BYTES:
            case OFFHEAP:
            case DISK:
                try {
                    ByteSize.parse(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            case PERSISTENT:
                return value.equals("true") || value.equals("false") ? null
                        : "'" + value + "' is not allowed; use true or false";
            case DISK_PATH:
                return checkDirectory(value);
            default:
                return null;
        }
    }

    private static String checkDirectory(String value) {
        Path directory;
        try {
            directory = Path.of(value);
        } catch (InvalidPathException e) {
            return "'" + value + "' is not a path (" + e.getMessage() + "); use the absolute path of a directory";
        }
        if (!directory.isAbsolute()) {
            return "'" + value + "' is not allowed; use the absolute path of a directory";
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            return "'" + value + "' is not a directory; name a directory (absolute, existing, writable)";
        }
        if (!Files.isDirectory(directory)) {
            return "the directory '" + value + "' does not exist; create it (writable by the application) or name"
                    + " another";
        }
        if (!Files.isWritable(directory)) {
            return "the directory '" + value + "' is not writable by the application; use a directory it may write";
        }
        return null;
    }

    @Override
    public CacheBackend create(BackendSettings settings) {
        Map<String, String> options = settings.options();
        String key = "webcache.caches." + settings.alias() + ".";
        long heap = options.containsKey(MAX_BYTES) ? ByteSize.parse(options.get(MAX_BYTES)) : DEFAULT_MAX_BYTES;
        long entries = options.containsKey(MAX_ENTRIES) ? Long.parseLong(options.get(MAX_ENTRIES).trim()) : 0;
        long offHeap = options.containsKey(OFFHEAP) ? ByteSize.parse(options.get(OFFHEAP)) : 0;
        long disk = options.containsKey(DISK) ? ByteSize.parse(options.get(DISK)) : 0;
        boolean persistent = "true".equals(options.get(PERSISTENT));
        if (disk == 0 && options.containsKey(DISK_PATH)) {
            throw new IllegalArgumentException(key + DISK_PATH + ": set only with " + key + DISK
                    + " (the size of the disk tier)");
        }
        if (disk == 0 && options.containsKey(PERSISTENT)) {
            throw new IllegalArgumentException(key + PERSISTENT + ": set only with " + key + DISK + " and " + key
                    + DISK_PATH + " (what persists is the disk tier)");
        }
        if (disk > 0 && !options.containsKey(DISK_PATH)) {
            throw new IllegalArgumentException(key + DISK_PATH + ": required with " + key + DISK
                    + "; name the directory of the disk tier (absolute, existing, writable)");
        }
        if (offHeap > 0 && offHeap <= heap) {
            throw new IllegalArgumentException(key + OFFHEAP + ": " + options.get(OFFHEAP) + " is not larger than"
                    + " the heap tier (" + key + MAX_BYTES + ", " + describe(options.get(MAX_BYTES)) + "); each"
                    + " lower tier must be larger than the one above it");
        }
        if (disk > 0 && disk <= Math.max(heap, offHeap)) {
            throw new IllegalArgumentException(key + DISK + ": " + options.get(DISK) + " is not larger than the "
                    + (offHeap > heap ? "off-heap tier (" + key + OFFHEAP + ")" : "heap tier (" + key + MAX_BYTES
                    + ", " + describe(options.get(MAX_BYTES)) + ")")
                    + "; each lower tier must be larger than the one above it");
        }
        Path directory = disk > 0 ? Path.of(options.get(DISK_PATH)).normalize() : null;
        EhcacheManager manager = settings.resources().computeIfAbsent(
                EhcacheManager.class.getName() + (directory == null ? "" : ":" + directory), EhcacheManager.class,
                () -> startManager(settings, directory, key));
        try {
            return manager.create(settings.alias(), new EhcacheManager.Tiers(heap, entries, offHeap, disk, persistent));
        } catch (RuntimeException e) {
            throw new IllegalStateException(key + (disk > 0 ? DISK : offHeap > 0 ? OFFHEAP : MAX_BYTES)
                    + ": Ehcache cannot build the tiers of this cache: " + causes(e), e);
        }
    }

    private static String describe(String maxBytes) {
        return maxBytes == null ? "64MB by default" : maxBytes;
    }

    private static EhcacheManager startManager(BackendSettings settings, Path directory, String key) {
        try {
            return new EhcacheManager(settings.clock(), directory);
        } catch (RuntimeException e) {
            if (directory == null) {
                throw e;
            }
            String reason = causes(e);
            throw new IllegalStateException(key + DISK_PATH + ": cannot use the directory '" + directory + "': "
                    + reason + (reason.contains("locked") ? ". Only one application (one cache registry, in one JVM)"
                    + " may use a disk-tier directory at a time: give each its own" : ""), e);
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && text.indexOf(cause.getMessage()) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
