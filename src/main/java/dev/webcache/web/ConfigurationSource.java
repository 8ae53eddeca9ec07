package dev.webcache.web;

import dev.webcache.cache.ImproperlyConfiguredException;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Where a web application's webcache configuration comes from: the file named by the context parameter
 * {@value #CONFIG_PARAMETER} ({@code /WEB-INF/...} or {@code classpath:...}, which must exist), else
 * {@code /WEB-INF/webcache.properties}, else {@code webcache.properties} on the class path, else the embedded
 * default (one Ehcache cache named {@code default}). Files are read as UTF-8.
 */
final class ConfigurationSource {
    /** The context parameter that names the configuration file. */
    static final String CONFIG_PARAMETER = "webcache.config";
    private static final String CLASSPATH = "classpath:";
    private static final String WEB_INF_FILE = "/WEB-INF/webcache.properties";
    private static final String CLASSPATH_FILE = CLASSPATH + "webcache.properties";

    private final ServletContext context;
    private final String location;

    private ConfigurationSource(ServletContext context, String location) {
        this.context = context;
        this.location = location;
    }

    static ConfigurationSource locate(ServletContext context) {
        String named = context.getInitParameter(CONFIG_PARAMETER);
        if (named != null && !named.isBlank()) {
            named = named.trim();
            if (!named.startsWith("/") && !named.startsWith(CLASSPATH)) {
                throw new ImproperlyConfiguredException(CONFIG_PARAMETER + ": '" + named + "' is not allowed; name a"
                        + " file inside the web application (/WEB-INF/...) or on the class path (classpath:...)");
            }
            ConfigurationSource source = new ConfigurationSource(context, named);
            if (!source.exists()) {
                throw new ImproperlyConfiguredException(CONFIG_PARAMETER + ": the file '" + named + "' does not exist");
            }
            return source;
        }
        for (String candidate : new String[] {WEB_INF_FILE, CLASSPATH_FILE}) {
            ConfigurationSource source = new ConfigurationSource(context, candidate);
            if (source.exists()) {
                return source;
            }
        }
        return new ConfigurationSource(context, null);
    }

    String description() {
        return location == null ? "the embedded default configuration" : location;
    }

    Properties load() {
        Properties properties = new Properties();
        if (location == null) {
            return properties;
        }
        try (InputStream in = open(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(CONFIG_PARAMETER + ": cannot read '" + location + "': " + e, e);
        }
        return properties;
    }

    private boolean exists() {
        try (InputStream in = open()) {
            return in != null;
        } catch (IOException e) {
            return false;
        }
    }

    private InputStream open() {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            resource = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
                    : Thread.currentThread().getContextClassLoader();
            return loader.getResourceAsStream(resource);
        }
        return context.getResourceAsStream(location);
    }
}
