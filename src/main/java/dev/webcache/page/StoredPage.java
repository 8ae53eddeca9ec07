package dev.webcache.page;

import dev.webcache.cache.ImmutableValue;
import dev.webcache.http.EntityTag;
import dev.webcache.http.HttpDates;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored page: status, ordered headers (several lines of one name kept), body, store time and freshness
 * lifetime. Everything a hit sends is prepared here once, at store time: the header lines to replay, the subset a
 * 304 carries, the validators. It never changes and never hands out its arrays, so a local cache keeps it by
 * reference and concurrent hits share it.
 */
final class StoredPage implements ImmutableValue {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Headers a stored page never keeps: per-connection ones, per-client ones, and ones recomputed on each hit. */
    private static final Set<String> NOT_STORED = Set.of("set-cookie", "set-cookie2", "content-length", "date", "age",
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade");
    /**
     * What a shared cache never keeps (RFC 9111 section 3.1): per-connection headers, cookies (never served across
     * users), and {@code Age} and {@code Content-Length}, recomputed on each hit. {@code Date} stays as received.
     */
    private static final Set<String> NOT_STORED_SHARED = Set.of("set-cookie", "set-cookie2", "content-length", "age",
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade");
    /** What a 304 carries (RFC 9110 section 15.4.5), besides {@code Age}. */
    private static final Set<String> NOT_MODIFIED_HEADERS = Set.of("cache-control", "content-location", "date",
            "etag", "expires", "vary", "last-modified");
    /** {@code Age} values of the first ten minutes, so that most hits format no number. */
    private static final String[] SMALL_AGES = new String[600];

    static {
        for (int i = 0; i < SMALL_AGES.length; i++) {
            SMALL_AGES[i] = Integer.toString(i);
        }
    }

    private final int status;
    private final String[] names;
    private final String[] values;
    /** Whether each line is the first of its name, to be set (replacing) rather than added. */
    private final boolean[] firstOfName;
    private final boolean[] inNotModified;
    private final byte[] body;
    private final long storedAtMillis;
    private final long lifetimeMillis;
    private final String etag;
    private final String lastModified;
    /** Shared mode: the age the response had when it arrived (RFC 9111 section 4.2.3); zero in origin mode. */
    private final long initialAgeSeconds;
    /** Whether it may be served stale when a request's {@code max-stale} asks (no {@code must-revalidate}...). */
    private final boolean servableStale;
    private transient EntityTag parsedEtag;
    private transient Instant parsedLastModified;

    private StoredPage(int status, List<String[]> headers, byte[] body, long storedAtMillis, long lifetimeMillis,
                       long initialAgeSeconds, boolean servableStale) {
        this.status = status;
        this.initialAgeSeconds = initialAgeSeconds;
        this.servableStale = servableStale;
        int n = headers.size();
        this.names = new String[n];
        this.values = new String[n];
        this.firstOfName = new boolean[n];
        this.inNotModified = new boolean[n];
        Set<String> seen = new HashSet<>();
        String etagValue = null;
        String lastModifiedValue = null;
        for (int i = 0; i < n; i++) {
            String name = headers.get(i)[0];
            String lower = name.toLowerCase(Locale.ROOT);
            names[i] = name;
            values[i] = headers.get(i)[1];
            firstOfName[i] = seen.add(lower);
            inNotModified[i] = NOT_MODIFIED_HEADERS.contains(lower);
            if (lower.equals("etag") && etagValue == null) {
                etagValue = values[i];
            } else if (lower.equals("last-modified") && lastModifiedValue == null) {
                lastModifiedValue = values[i];
            }
        }
        this.body = body;
        this.storedAtMillis = storedAtMillis;
        this.lifetimeMillis = lifetimeMillis;
        this.etag = etagValue;
        this.lastModified = lastModifiedValue;
        parseValidators();
    }

    /**
     * A page from a response's final headers (name, value pairs in order) and body. Headers that are never stored
     * (cookies, hop-by-hop headers, those that {@code Connection} names, {@code Date}, {@code Age},
     * {@code Content-Length}) are dropped; a strong {@code ETag} from the body's SHA-256 (its first 128 bits) is
     * added unless the application set one.
     *
     * @param body the body; the page takes ownership of the array
     */
    static StoredPage of(int status, List<String[]> headers, byte[] body, long storedAtMillis, long lifetimeMillis) {
        Set<String> connectionOptions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        boolean hasEtag = false;
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase("connection")) {
                for (String option : header[1].split(",")) {
                    connectionOptions.add(option.strip());
                }
            }
            hasEtag |= header[0].equalsIgnoreCase("etag");
        }
        List<String[]> kept = new ArrayList<>(headers.size() + 1);
        for (String[] header : headers) {
            String lower = header[0].toLowerCase(Locale.ROOT);
            if (!NOT_STORED.contains(lower) && !connectionOptions.contains(lower)) {
                kept.add(header);
            }
        }
        if (!hasEtag) {
            // 128 bits of the body's SHA-256 tell versions of one URL apart and keep every hit's header short
            kept.add(new String[] {"ETag", EntityTag.strong(PageKeys.sha256(body).substring(0, 22)).toString()});
        }
        return new StoredPage(status, kept, body, storedAtMillis, lifetimeMillis, 0, false);
    }

    /**
     * A page as a shared cache stores it: every end-to-end header line kept as received ({@code Date} included),
     * hop-by-hop ones, those that {@code Connection} names, cookies, {@code Age} and {@code Content-Length} dropped;
     * no header added.
     *
     * @param body               the body; the page takes ownership of the array
     * @param responseTimeMillis when the response arrived
     * @param initialAgeSeconds  its corrected initial age
     * @param servableStale      whether it may be served stale at a request's {@code max-stale}
     */
    static StoredPage shared(int status, List<String[]> headers, byte[] body, long responseTimeMillis,
                             long lifetimeMillis, long initialAgeSeconds, boolean servableStale) {
        return new StoredPage(status, endToEnd(headers), body, responseTimeMillis, lifetimeMillis, initialAgeSeconds,
                servableStale);
    }

    /**
     * This page freshened by a 304 (RFC 9111 sections 3.2 and 4.3.4): each header of the 304 that may be stored
     * replaces every line of that name (in the place of the first), except {@code Content-Length}; new names are
     * appended. Body and status stay; the age and lifetime are the caller's, computed from the updated headers.
     */
    StoredPage refreshed(List<String[]> notModifiedHeaders, long responseTimeMillis, long lifetimeMillis,
                         long newInitialAgeSeconds, boolean newServableStale) {
        List<String[]> update = endToEnd(notModifiedHeaders);
        Set<String> updatedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        update.forEach(header -> updatedNames.add(header[0]));
        List<String[]> merged = new ArrayList<>(names.length + update.size());
        Set<String> placed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < names.length; i++) {
            if (!updatedNames.contains(names[i])) {
                merged.add(new String[] {names[i], values[i]});
            } else if (placed.add(names[i])) {
                for (String[] header : update) {
                    if (header[0].equalsIgnoreCase(names[i])) {
                        merged.add(header);
                    }
                }
            }
        }
        for (String[] header : update) {
            if (!placed.contains(header[0])) {
                merged.add(header);
            }
        }
        return new StoredPage(status, merged, body, responseTimeMillis, lifetimeMillis, newInitialAgeSeconds,
                newServableStale);
    }

    private static List<String[]> endToEnd(List<String[]> headers) {
        Set<String> connectionOptions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase("connection")) {
                for (String option : header[1].split(",")) {
                    connectionOptions.add(option.strip());
                }
            }
        }
        List<String[]> kept = new ArrayList<>(headers.size());
        for (String[] header : headers) {
            String lower = header[0].toLowerCase(Locale.ROOT);
            if (!NOT_STORED_SHARED.contains(lower) && !connectionOptions.contains(lower)) {
                kept.add(header);
            }
        }
        return kept;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        parseValidators();
    }

    private void parseValidators() {
        parsedEtag = EntityTag.parse(etag).orElse(null);
        parsedLastModified = HttpDates.parse(lastModified).orElse(null);
    }

    int status() {
        return status;
    }

    /** The {@code ETag} header value sent with this page. */
    String etag() {
        return etag;
    }

    EntityTag parsedEtag() {
        return parsedEtag;
    }

    Instant parsedLastModified() {
        return parsedLastModified;
    }

    int headerCount() {
        return names.length;
    }

    String headerName(int i) {
        return names[i];
    }

    String headerValue(int i) {
        return values[i];
    }

    boolean isFirstOfName(int i) {
        return firstOfName[i];
    }

    boolean isNotModifiedHeader(int i) {
        return inNotModified[i];
    }

    int bodyLength() {
        return body.length;
    }

    /** Writes the body; the array itself never leaves this object. */
    void writeBody(OutputStream out) throws IOException {
        out.write(body);
    }

    /** Whether the page is still fresh at {@code nowMillis}. */
    boolean isFresh(long nowMillis) {
        return initialAgeSeconds * 1000 + nowMillis - storedAtMillis < lifetimeMillis;
    }

    /** The freshness lifetime the page was stored with. */
    long lifetimeMillis() {
        return lifetimeMillis;
    }

    /** The current age: its initial age plus whole seconds since the page was stored. */
    long ageSeconds(long nowMillis) {
        return initialAgeSeconds + Math.max(0, (nowMillis - storedAtMillis) / 1000);
    }

    /** The values of every header line of that name, in order. */
    List<String> headerValues(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                found.add(values[i]);
            }
        }
        return found;
    }

    /** Whether a request's {@code max-stale} may have it served stale. */
    boolean servableStale() {
        return servableStale;
    }

    /** Whether it carries a validator ({@code ETag} or {@code Last-Modified}) to revalidate it with. */
    boolean hasValidator() {
        return etag != null || lastModified != null;
    }

    /** The {@code Last-Modified} header value, or {@code null}. */
    String lastModified() {
        return lastModified;
    }

    /** The {@code Age} header value at {@code nowMillis}. */
    String age(long nowMillis) {
        long seconds = ageSeconds(nowMillis);
        return seconds < SMALL_AGES.length ? SMALL_AGES[(int) seconds] : Long.toString(seconds);
    }
}
