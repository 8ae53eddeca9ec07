package dev.webcache.page.store;

import dev.webcache.http.EntityTag;
import dev.webcache.http.VaryHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip storage of text pages: which bodies are worth compressing, once at store time, and the headers that tell the
 * two encodings of one stored page apart ({@code Vary: Accept-Encoding}, an {@code ETag} per encoding, as RFC 9110
 * section 8.8.3 asks of strong validators).
 */
final class PageCompression {
    /** Below this, gzip's 18-byte frame and the CPU spent outweigh what is saved. */
    private static final int MIN_LENGTH = 256;
    /**
     * The longest body stored compressed; longer ones are stored as they are. It bounds the identity copy that a
     * gzip-stored page (possibly planted in a shared backend) can make this JVM allocate.
     */
    static final int MAX_LENGTH = 64 << 20;
    private static final List<String> TEXT_TYPES = List.of("text/html", "text/css", "text/javascript",
            "text/plain", "text/xml", "text/csv", "application/javascript", "application/json", "application/xml",
            "image/svg+xml");

    private PageCompression() {
    }

    /** Whether a body of this {@code Content-Type} is text that gzip shrinks (HTML, CSS, JS, JSON, XML, SVG...). */
    static boolean isCompressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return TEXT_TYPES.contains(type) || type.endsWith("+json") || type.endsWith("+xml");
    }

    /** The body gzip-compressed, or {@code null} when it is short or would not shrink. */
    static byte[] gzipIfSmaller(byte[] body) {
        if (body.length < MIN_LENGTH || body.length > MAX_LENGTH) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.size() < body.length ? out.toByteArray() : null;
    }

    /**
     * The length a gzip body declares in its trailer (modulo 2^32, exact for what this class compresses), or -1 when
     * it is too short to have one.
     */
    static long declaredLength(byte[] compressed) {
        int n = compressed.length;
        if (n < 18) {
            return -1;
        }
        return (compressed[n - 4] & 0xffL) | (compressed[n - 3] & 0xffL) << 8 | (compressed[n - 2] & 0xffL) << 16
                | (compressed[n - 1] & 0xffL) << 24;
    }

    /**
     * The body of a page this class compressed.
     *
     * @throws IOException if it is not a gzip stream of the length its trailer declares, at most {@link #MAX_LENGTH}
     */
    static byte[] gunzip(byte[] compressed) throws IOException {
        long declared = declaredLength(compressed);
        if (declared < 0 || declared > MAX_LENGTH) {
            throw new IOException("a stored gzip body declares " + declared + " bytes");
        }
        byte[] body = new byte[(int) declared];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            if (in.readNBytes(body, 0, body.length) != body.length || in.read() != -1) {
                throw new IOException("a stored gzip body is not the length it declares");
            }
        }
        return body;
    }

    /** The validator of the gzip encoding: the identity one with {@code -gzip} appended to its opaque tag. */
    static String gzipEtag(String identityEtag) {
        Optional<EntityTag> parsed = EntityTag.parse(identityEtag);
        if (parsed.isEmpty()) {
            return EntityTag.strong(PageKeys.sha256(identityEtag.getBytes(StandardCharsets.UTF_8))
                    .substring(0, 22) + "-gzip").toString();
        }
        EntityTag tag = parsed.get();
        String opaque = tag.opaqueTag() + "-gzip";
        return (tag.weak() ? EntityTag.weak(opaque) : EntityTag.strong(opaque)).toString();
    }

    /** A {@code Vary} line with {@code Accept-Encoding} added unless it names it (or is {@code *}) already. */
    static String varyWithAcceptEncoding(String varyLine) {
        VaryHeaders vary = VaryHeaders.parse(varyLine);
        if (vary.isWildcard() || vary.contains("Accept-Encoding")) {
            return varyLine;
        }
        return vary.plus(List.of("Accept-Encoding")).toString();
    }
}
