package dev.webcache.page.store;

import dev.webcache.cache.ImmutableValue;
import dev.webcache.cache.spi.SizedValue;
import dev.webcache.http.CacheControl;
import dev.webcache.http.EntityTag;
import dev.webcache.http.HttpDates;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored page: status, ordered headers (several lines of one name kept), body, store time, its freshness and
 * stale windows, and the token stamp it was rendered under. What every hit sends is prepared here once, at store
 * time: the header lines to replay and the validator of each encoding; what only conditional requests need (parsed
 * validators, the lines a 304 carries) is worked out when one asks, so the many pages that never get one stay
 * small (under 1 KiB of heap besides the body, see {@code PageMemoryProbe}). A text body the
 * application did not compress is kept gzip-compressed (see {@link PageCompression}); identity clients get it
 * decompressed, once per page per JVM. It never changes and never hands out its arrays, so a local cache keeps it
 * by reference and concurrent hits share it.
 */
public final class StoredPage implements ImmutableValue, SizedValue {
    @Serial
    private static final long serialVersionUID = 2L;

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
    /**
     * What a 304 carries (RFC 9110 section 15.4.5), besides {@code Age} and the {@code ETag}; {@code Date} is stored
     * in shared mode only.
     */
    private static final Set<String> NOT_MODIFIED_HEADERS = Set.of("cache-control", "content-location", "date",
            "expires", "vary", "last-modified");
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
    private final byte[] body;
    private final boolean gzipped;
    private final long storedAtMillis;
    private final Lifetime lifetime;
    private final TokenStamp tokens;
    private final String etag;
    private final String gzipEtag;
    private final String lastModified;
    /** Shared mode: the age the response had when it arrived (RFC 9111 section 4.2.3); zero in origin mode. */
    private final long initialAgeSeconds;
    /** Shared mode: whether a request's {@code max-stale} may have it served stale. */
    private final boolean servableStale;
    /** Parsed when a conditional request first asks: most pages never get one, and a hit needs only the text. */
    private transient volatile Validators validators;
    private transient volatile byte[] identityBody;
    /** Whether this instance was sent before: only a page a store keeps by reference gets direct copies. */
    private transient volatile boolean sentBefore;
    /** The stored body as sent ({@link #directBody}), and the identity body of a gzip-stored page. */
    private transient volatile ByteBuffer directBody;
    private transient volatile ByteBuffer directIdentityBody;
    private transient volatile Boolean declaredShareable;

    private StoredPage(int status, List<String[]> headers, byte[] body, boolean gzipped, String etag,
                       long storedAtMillis, Lifetime lifetime, TokenStamp tokens, long initialAgeSeconds,
                       boolean servableStale) {
        this.status = status;
        this.initialAgeSeconds = initialAgeSeconds;
        this.servableStale = servableStale;
        int n = headers.size();
        this.names = new String[n];
        this.values = new String[n];
        this.firstOfName = new boolean[n];
        Set<String> seen = new HashSet<>();
        String lastModifiedValue = null;
        for (int i = 0; i < n; i++) {
            String name = headers.get(i)[0];
            String lower = name.toLowerCase(Locale.ROOT);
            names[i] = name;
            values[i] = headers.get(i)[1];
            firstOfName[i] = seen.add(lower);
            if (lower.equals("last-modified") && lastModifiedValue == null) {
                lastModifiedValue = values[i];
            }
        }
        this.body = body;
        this.gzipped = gzipped;
        this.storedAtMillis = storedAtMillis;
        this.lifetime = lifetime;
        this.tokens = tokens;
        this.etag = etag;
        this.gzipEtag = gzipped ? PageCompression.gzipEtag(etag) : null;
        this.lastModified = lastModifiedValue;
    }

    /**
     * A page from a response's final headers (name, value pairs in order) and body. Headers that are never stored
     * (cookies, hop-by-hop headers, those that {@code Connection} names, {@code Date}, {@code Age},
     * {@code Content-Length}) are dropped; a strong {@code ETag} from the body's SHA-256 (its first 128 bits) is
     * used unless the application set one. With {@code compress} (origin mode) a compressible body is stored
     * gzip-compressed, and {@code Accept-Encoding} joins its {@code Vary} (not its key: one entry serves both
     * encodings).
     *
     * @param body the body; the page takes ownership of the array
     */
    public static StoredPage of(int status, List<String[]> headers, byte[] body, long storedAtMillis,
                                Lifetime lifetime, TokenStamp tokens, boolean compress) {
        Set<String> connectionOptions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        String etag = null;
        String contentType = null;
        boolean encoded = false;
        for (String[] header : headers) {
            String name = header[0];
            if (name.equalsIgnoreCase("connection")) {
                for (String option : header[1].split(",")) {
                    connectionOptions.add(option.strip());
                }
            } else if (name.equalsIgnoreCase("etag") && etag == null) {
                etag = header[1];
            } else if (name.equalsIgnoreCase("content-type") && contentType == null) {
                contentType = header[1];
            } else if (name.equalsIgnoreCase("content-encoding")) {
                encoded |= !header[1].isBlank() && !header[1].strip().equalsIgnoreCase("identity");
            }
        }
        if (etag == null) {
            // 128 bits of the body's SHA-256 tell versions of one URL apart and keep every hit's header short
            etag = EntityTag.strong(PageKeys.sha256(body).substring(0, 22)).toString();
        }
        byte[] compressed = compress && !encoded && PageCompression.isCompressible(contentType)
                ? PageCompression.gzipIfSmaller(body) : null;
        List<String[]> kept = new ArrayList<>(headers.size() + 1);
        boolean varyPatched = false;
        for (String[] header : headers) {
            String lower = header[0].toLowerCase(Locale.ROOT);
            if (NOT_STORED.contains(lower) || connectionOptions.contains(lower) || lower.equals("etag")) {
                continue;
            }
            if (compressed != null && lower.equals("vary") && !varyPatched) {
                kept.add(new String[] {header[0], PageCompression.varyWithAcceptEncoding(header[1])});
                varyPatched = true;
            } else {
                kept.add(header);
            }
        }
        if (compressed != null && !varyPatched) {
            kept.add(new String[] {"Vary", "Accept-Encoding"});
        }
        return compressed == null
                ? new StoredPage(status, kept, body, false, etag, storedAtMillis, lifetime, tokens, 0, false)
                : new StoredPage(status, kept, compressed, true, etag, storedAtMillis, lifetime, tokens, 0, false);
    }

    /**
     * A page as a shared cache stores it: every end-to-end header line kept as received ({@code Date} included;
     * the {@code ETag} kept apart as in every page, and sent again on hits), hop-by-hop ones, those that
     * {@code Connection} names, cookies, {@code Age} and {@code Content-Length} dropped; no header added, no
     * {@code ETag} invented, the body as the chain produced it.
     *
     * @param body               the body; the page takes ownership of the array
     * @param responseTimeMillis when the response arrived
     * @param lifetime           its freshness lifetime and the stale windows its directives allow
     * @param initialAgeSeconds  its corrected initial age
     * @param servableStale      whether it may be served stale at a request's {@code max-stale}
     */
    public static StoredPage shared(int status, List<String[]> headers, byte[] body, long responseTimeMillis,
                             Lifetime lifetime, long initialAgeSeconds, boolean servableStale) {
        String etag = null;
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase("etag")) {
                etag = header[1];
                break;
            }
        }
        return new StoredPage(status, endToEnd(headers), body, false, etag, responseTimeMillis, lifetime,
                TokenStamp.NONE, initialAgeSeconds, servableStale);
    }

    /**
     * This page freshened by a 304 (RFC 9111 sections 3.2 and 4.3.4): each header of the 304 that may be stored
     * replaces every line of that name (in the place of the first), except {@code Content-Length}; new names are
     * appended. Body and status stay; the age and lifetime are the caller's, computed from the updated headers.
     */
    public StoredPage refreshed(List<String[]> notModifiedHeaders, long responseTimeMillis, Lifetime newLifetime,
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
        String newEtag = etag;
        for (String[] header : notModifiedHeaders) {
            if (header[0].equalsIgnoreCase("etag")) {
                newEtag = header[1];
                break;
            }
        }
        return new StoredPage(status, merged, body, gzipped, newEtag, responseTimeMillis, newLifetime, tokens,
                newInitialAgeSeconds, newServableStale);
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
            if (!NOT_STORED_SHARED.contains(lower) && !connectionOptions.contains(lower) && !lower.equals("etag")) {
                kept.add(header);
            }
        }
        return kept;
    }

    /** Writes this page's compact form ({@link PageFormats#PAGE}); what is derived from it is not written. */
    public void writeCompact(DataOutput out) throws IOException {
        out.writeShort(status);
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            PageFormats.writeString(out, names[i]);
            PageFormats.writeString(out, values[i]);
        }
        PageFormats.writeBytes(out, body);
        out.writeBoolean(gzipped);
        PageFormats.writeString(out, etag);
        out.writeLong(storedAtMillis);
        out.writeLong(lifetime.freshMillis());
        out.writeLong(lifetime.staleWhileRevalidateMillis());
        out.writeLong(lifetime.staleIfErrorMillis());
        PageFormats.writeStrings(out, tokens.tokens());
        out.writeLong(tokens.sum());
        out.writeLong(initialAgeSeconds);
        out.writeBoolean(servableStale);
    }

    /** Reads a page {@link #writeCompact} wrote. */
    public static StoredPage readCompact(DataInput in) throws IOException {
        int status = in.readUnsignedShort();
        int count = PageFormats.count(in);
        List<String[]> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = PageFormats.readString(in);
            String value = PageFormats.readString(in);
            if (name == null || value == null) {
                throw new InvalidObjectException("a stored header line without a name or a value");
            }
            headers.add(new String[] {name, value});
        }
        byte[] body = PageFormats.readBytes(in, false);
        boolean gzipped = in.readBoolean();
        String etag = PageFormats.readString(in);
        long storedAtMillis = in.readLong();
        Lifetime lifetime = new Lifetime(in.readLong(), in.readLong(), in.readLong());
        List<String> tokenNames = PageFormats.readStrings(in);
        long tokenSum = in.readLong();
        TokenStamp tokens = tokenNames.isEmpty() ? TokenStamp.NONE : new TokenStamp(tokenNames, tokenSum);
        return new StoredPage(status, headers, body, gzipped, etag, storedAtMillis, lifetime, tokens,
                in.readLong(), in.readBoolean());
    }

    /** The validators of both encodings, parsed. */
    private record Validators(EntityTag etag, EntityTag gzipEtag, Instant lastModified) {
    }

    private Validators validators() {
        Validators known = validators;
        if (known == null) {
            known = new Validators(EntityTag.parse(etag).orElse(null),
                    gzipEtag == null ? null : EntityTag.parse(gzipEtag).orElse(null),
                    HttpDates.parse(lastModified).orElse(null));
            validators = known;
        }
        return known;
    }

    public int status() {
        return status;
    }

    /**
     * Whether its {@code Cache-Control} declares it fit for any user ({@code public} or {@code s-maxage}). Parsed
     * when first asked, which only requests carrying an identity do: anonymous hits, and pages decoded afresh from
     * a shared backend on every hit, never pay for it.
     */
    public boolean declaredShareable() {
        Boolean known = declaredShareable;
        if (known == null) {
            CacheControl directives = CacheControl.parse(headerValues("Cache-Control"));
            known = directives.isPublic() || directives.has("s-maxage");
            declaredShareable = known;
        }
        return known;
    }

    /** Whether the body is kept gzip-compressed by the page cache, so it is sent in the encoding a client accepts. */
    public boolean gzipped() {
        return gzipped;
    }

    /** The {@code ETag} header value of the identity encoding (what the miss that stored it sent). */
    public String etag() {
        return etag;
    }

    /** The {@code ETag} header value sent with the body in one encoding. */
    public String etag(boolean gzip) {
        return gzip ? gzipEtag : etag;
    }

    public EntityTag parsedEtag(boolean gzip) {
        return gzip ? validators().gzipEtag() : validators().etag();
    }

    public Instant parsedLastModified() {
        return validators().lastModified();
    }

    public TokenStamp tokens() {
        return tokens;
    }

    public int headerCount() {
        return names.length;
    }

    public String headerName(int i) {
        return names[i];
    }

    public String headerValue(int i) {
        return values[i];
    }

    public boolean isFirstOfName(int i) {
        return firstOfName[i];
    }

    public boolean isNotModifiedHeader(int i) {
        return NOT_MODIFIED_HEADERS.contains(names[i].toLowerCase(Locale.ROOT));
    }

    /** The length of the body in one encoding. */
    public int bodyLength(boolean gzip) {
        return gzip ? body.length : identityBody().length;
    }

    /** Writes the body in one encoding; the arrays never leave this object. */
    public void writeBody(OutputStream out, boolean gzip) throws IOException {
        out.write(gzip ? body : identityBody());
    }

    /**
     * The body in one encoding as a read-only direct buffer with a position of its own, for a container that writes
     * buffers to its socket without copying them (see {@link DirectBodies}); {@code null} at this instance's first
     * hit (a page decoded afresh from a shared backend for each hit never gets a copy) and when the budget of
     * direct copies is spent. The copy is made once and shared by every later hit.
     */
    public ByteBuffer directBody(boolean gzip) {
        boolean stored = gzip || !gzipped;
        ByteBuffer copy = stored ? directBody : directIdentityBody;
        if (copy == null) {
            if (!sentBefore) {
                sentBefore = true;
                return null;
            }
            copy = DirectBodies.SHARED.copyOf(stored ? body : identityBody());
            if (copy == null) {
                return null;
            }
            if (stored) {
                directBody = copy;
            } else {
                directIdentityBody = copy;
            }
        }
        return copy.duplicate();
    }

    /** The bytes the body takes in the store (compressed when gzipped). */
    public int storedLength() {
        return body.length;
    }

    /**
     * Whether the body can be sent uncompressed: it is stored so, or its gzip form decompresses (once per page, then
     * kept). A gzip body that does not (corrupt, or planted in a shared backend) makes the page unusable.
     */
    public boolean hasIdentityBody() {
        if (!gzipped || identityBody != null) {
            return true;
        }
        try {
            identityBody = PageCompression.gunzip(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private byte[] identityBody() {
        if (!hasIdentityBody()) {
            throw new IllegalStateException("the gzip body of a stored page cannot be decompressed");
        }
        return gzipped ? identityBody : body;
    }

    /**
     * What this page holds on the heap, for byte budgets: both encodings of a gzip-stored body (the identity copy
     * is made on the first hit of a client that does not accept gzip), header lines and the object itself. Direct
     * copies of the body live outside the heap, under a budget of their own ({@link DirectBodies}).
     */
    @Override
    public long retainedBytes() {
        long bytes = 256 + body.length + (gzipped ? Math.max(0, PageCompression.declaredLength(body)) : 0);
        for (int i = 0; i < names.length; i++) {
            bytes += 64 + names[i].length() + values[i].length();
        }
        return bytes + tokens.tokens().stream().mapToLong(token -> 48 + token.length()).sum();
    }

    /** Whether the page is still fresh at {@code nowMillis} (its initial age counted, in shared mode). */
    public boolean isFresh(long nowMillis) {
        return initialAgeSeconds * 1000 + nowMillis - storedAtMillis < lifetime.freshMillis();
    }

    /** The freshness lifetime the page was stored with. */
    public long freshMillis() {
        return lifetime.freshMillis();
    }

    /** How long the backend keeps it: fresh, then the longer of its stale windows. */
    public long retentionMillis() {
        return lifetime.retentionMillis();
    }

    /** The current age in seconds: its initial age plus whole seconds since the page was stored. */
    public long ageSeconds(long nowMillis) {
        return initialAgeSeconds + Math.max(0, (nowMillis - storedAtMillis) / 1000);
    }

    /** Shared mode: whether a request's {@code max-stale} may have it served stale. */
    public boolean servableStale() {
        return servableStale;
    }

    /** Whether it carries a validator ({@code ETag} or {@code Last-Modified}) to revalidate it with. */
    public boolean hasValidator() {
        return etag != null || lastModified != null;
    }

    /** The {@code Last-Modified} header value, or {@code null}. */
    public String lastModified() {
        return lastModified;
    }

    /** The values of every header line of that name, in order. */
    public List<String> headerValues(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                found.add(values[i]);
            }
        }
        if (name.equalsIgnoreCase("etag") && etag != null) {
            found.add(etag);
        }
        return found;
    }

    /** Whether a stale page may still be sent while one request renders its successor (initial age counted). */
    public boolean isServableWhileRevalidating(long nowMillis) {
        return initialAgeSeconds * 1000 + nowMillis - storedAtMillis
                < lifetime.freshMillis() + lifetime.staleWhileRevalidateMillis();
    }

    /** Whether a stale page may still be sent in place of a failed render (initial age counted). */
    public boolean isServableOnError(long nowMillis) {
        return initialAgeSeconds * 1000 + nowMillis - storedAtMillis
                < lifetime.freshMillis() + lifetime.staleIfErrorMillis();
    }

    /** The {@code Age} header value at {@code nowMillis}: its current age in whole seconds. */
    public String age(long nowMillis) {
        long seconds = ageSeconds(nowMillis);
        return seconds < SMALL_AGES.length ? SMALL_AGES[(int) seconds] : Long.toString(seconds);
    }

    /**
     * How long a page is fresh, then how long it may still be sent stale while revalidating or after an error.
     * The backend keeps it for {@link #retentionMillis}.
     */
    public record Lifetime(long freshMillis, long staleWhileRevalidateMillis, long staleIfErrorMillis)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** How long the backend keeps the page: fresh, then the longer of its stale windows. */
        public long retentionMillis() {
            return saturatedAdd(freshMillis, Math.max(staleWhileRevalidateMillis, staleIfErrorMillis));
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
