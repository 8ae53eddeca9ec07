package dev.webcache.page.store;

import dev.webcache.http.VaryValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The page-cache key scheme, version {@value #VERSION}. A URL's learned {@code Vary} list is stored under
 * {@code webcache.page.v3.<prefix>.vary.<url>}, and each variant under
 * {@code webcache.page.v3.<prefix>.GET.<generation>.<variant>.<url>}, where {@code <url>} is the normalised
 * absolute URL (scheme and host lowercased, default port dropped, path and query as sent) when it is short and
 * plain, else {@code ~} and its SHA-256; {@code <variant>} is the SHA-256 of the {@code name=value} lines of the
 * request headers that the {@code Vary} list names ({@code -} when it names none); and {@code <generation>} changes
 * when the URL is invalidated, which makes every old variant unreachable at once.
 */
public final class PageKeys {
    static final String VERSION = "v3";
    private static final String ROOT = "webcache.page." + VERSION + ".";
    private static final int MAX_PLAIN_URL = 160;
    private static final String NO_VARIANT = "-";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private final String varyRoot;
    private final String pageRoot;

    PageKeys(String keyPrefix) {
        this.varyRoot = ROOT + keyPrefix + ".vary.";
        this.pageRoot = ROOT + keyPrefix + ".GET.";
    }

    /** The key of the learned {@code Vary} list of a URL (as given by {@link #urlPart}). */
    String varyKey(String urlPart) {
        return varyRoot.concat(urlPart);
    }

    /** The key of one variant of a URL. */
    String pageKey(String urlPart, String generation, String variant) {
        return new StringBuilder(pageRoot.length() + generation.length() + variant.length() + urlPart.length() + 2)
                .append(pageRoot).append(generation).append('.').append(variant).append('.').append(urlPart)
                .toString();
    }

    /**
     * The URL part of the keys of the page a request asks for, from the parts a container gives.
     *
     * @param query the query string, or {@code null} when the request has none
     */
    public static String urlPart(String scheme, String host, int port, String requestUri, String query) {
        StringBuilder url = new StringBuilder(96);
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        url.append(lowerScheme).append("://");
        appendHost(url, host);
        appendPort(url, lowerScheme, port);
        url.append(requestUri);
        if (query != null) {
            url.append('?').append(query);
        }
        return urlPart(url);
    }

    /**
     * The URL part of the keys of an absolute URL such as {@code https://example.com/news?page=2}, matching what
     * {@link #urlPart(String, String, int, String, String)} gives for a request to it. Any host a container accepts
     * is accepted, names with {@code _} included (which {@link java.net.URI} does not parse as a host).
     *
     * @throws IllegalArgumentException if the URL is not absolute http(s) with a host
     */
    public static String urlPart(String absoluteUrl) {
        AbsoluteUrl url = AbsoluteUrl.parse(absoluteUrl);
        StringBuilder part = new StringBuilder(96).append(url.origin()).append(url.pathAndQuery());
        return urlPart(part);
    }

    /**
     * An absolute http(s) URL taken apart as far as keys need: the origin normalised as request keys have it
     * (scheme and host lowercased, default port dropped) and the path and query as written.
     */
    public record AbsoluteUrl(String origin, String pathAndQuery) {
        /** @throws IllegalArgumentException if it is not an absolute http or https URL with a host */
        public static AbsoluteUrl parse(String url) {
            int schemeEnd = url.indexOf("://");
            String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an absolute http or https URL: " + url);
            }
            int start = schemeEnd + 3;
            int end = start;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            String authority = url.substring(start, end);
            int portColon = authority.lastIndexOf(':');
            if (portColon < authority.lastIndexOf(']')) {
                portColon = -1;
            }
            String host = portColon < 0 ? authority : authority.substring(0, portColon);
            int port = -1;
            if (portColon >= 0 && portColon < authority.length() - 1) {
                try {
                    port = Integer.parseInt(authority.substring(portColon + 1));
                } catch (NumberFormatException e) {
                    port = -2;
                }
            }
            if (host.isEmpty() || authority.indexOf('@') >= 0 || port < -1 || port > 65535) {
                throw new IllegalArgumentException("not an absolute http or https URL with a host: " + url);
            }
            StringBuilder origin = new StringBuilder(64).append(scheme).append("://");
            appendHost(origin, host);
            appendPort(origin, scheme, port);
            int fragment = url.indexOf('#', end);
            String rest = url.substring(end, fragment < 0 ? url.length() : fragment);
            return new AbsoluteUrl(origin.toString(), rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest);
        }
    }

    private static void appendHost(StringBuilder url, String host) {
        boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        if (ipv6) {
            url.append('[');
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            url.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        if (ipv6) {
            url.append(']');
        }
    }

    private static void appendPort(StringBuilder url, String scheme, int port) {
        boolean defaultPort = port < 0 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        if (!defaultPort) {
            url.append(':').append(port);
        }
    }

    private static String urlPart(StringBuilder url) {
        if (url.length() <= MAX_PLAIN_URL && isPlain(url)) {
            return url.toString();
        }
        return "~" + sha256(url.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Visible ASCII only: safe in any backend's keys, and never starting with {@code ~} (a URL starts with its
     * scheme).
     */
    private static boolean isPlain(CharSequence url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The variant of a request for a {@code Vary} list of lowercase names: the SHA-256 of one line per name,
     * {@code name=value} when the request has the header (several lines joined with {@code ", "}, or {@code "; "}
     * for {@code Cookie}, then normalised by {@link VaryValues}, so that equal lists select the same variant) and
     * {@code name} alone when it has not, so an absent header differs from an empty one.
     *
     * @param headers the request's header lines of a name (lowercase), none as an empty enumeration or {@code null}
     */
    public static String variant(Function<String, Enumeration<String>> headers, List<String> names) {
        if (names.isEmpty()) {
            return NO_VARIANT;
        }
        StringBuilder lines = new StringBuilder(64 * names.size());
        for (String name : names) {
            lines.append(name);
            Enumeration<String> values = headers.apply(name);
            if (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                if (values.hasMoreElements()) {
                    StringBuilder joined = new StringBuilder(value);
                    String separator = name.equals("cookie") ? "; " : ", ";
                    while (values.hasMoreElements()) {
                        joined.append(separator).append(values.nextElement());
                    }
                    value = joined.toString();
                }
                lines.append('=').append(VaryValues.normalised(name, value));
            }
            lines.append('\n');
        }
        return sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes} in unpadded base64url (43 characters). */
    static String sha256(byte[] bytes) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return BASE64.encodeToString(digest.digest(bytes));
    }
}
