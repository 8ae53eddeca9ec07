package dev.webcache.page.engine;

import dev.webcache.http.ByteRange;
import dev.webcache.page.store.StoredPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Answers a GET with a {@code Range} from a stored 200 (RFC 9110 section 14): one satisfiable byte range as a 206
 * with {@code Content-Range} and the stored headers; a range no byte satisfies as a 416 with
 * {@code Content-Range: bytes *}{@code /length}; an {@code If-Range} that does not match the stored validators, or a
 * range header it does not answer (several ranges, another unit), leaves the whole page to be sent. Parts are cut
 * from the identity body only: a client that gets the gzip body gets it whole.
 */
final class RangeResponder {
    private RangeResponder() {
    }

    /**
     * Sends the part of {@code page} that {@code request} asks for, if any.
     *
     * @return the status sent (206 or 416), or 0 when the whole page is to be sent instead
     */
    static int send(HttpServletRequest request, HttpServletResponse response, StoredPage page, boolean gzip,
                    long nowMillis) throws IOException {
        String range = request.getHeader("Range");
        if (range == null || gzip || page.status() != 200 || !"GET".equals(request.getMethod())) {
            return 0;
        }
        List<String> dates = page.headerValues("Date");
        if (!ByteRange.ifRangeMatches(request.getHeader("If-Range"), page.parsedEtag(false),
                page.parsedLastModified(), dates.isEmpty() ? null : dates.get(0))) {
            return 0;
        }
        int length = page.bodyLength(false);
        ByteRange.Selection selection = ByteRange.select(range, length);
        switch (selection.outcome()) {
            case UNSATISFIABLE -> {
                response.setStatus(416);
                response.setHeader("Content-Range", ByteRange.unsatisfied(length));
                response.setHeader("Age", page.age(nowMillis));
                response.setContentLength(0);
                return 416;
            }
            case PART -> {
                ByteRange part = selection.range();
                response.setStatus(206);
                for (int i = 0; i < page.headerCount(); i++) {
                    PageResponder.putHeader(response, page, i);
                }
                if (page.etag(false) != null) {
                    response.setHeader("ETag", page.etag(false));
                }
                response.setHeader("Content-Range", part.contentRange(length));
                response.setHeader("Age", page.age(nowMillis));
                response.setContentLengthLong(part.length());
                page.writeBody(new Slice(response.getOutputStream(), part), false);
                return 206;
            }
            default -> {
                return 0;
            }
        }
    }

    /** Passes on the bytes of one range of what is written through it, and drops the others. */
    private static final class Slice extends FilterOutputStream {
        private final ByteRange range;
        private long position;

        Slice(OutputStream out, ByteRange range) {
            super(out);
            this.range = range;
        }

        @Override
        public void write(int b) throws IOException {
            if (position >= range.first() && position <= range.last()) {
                out.write(b);
            }
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            long start = Math.max(position, range.first());
            long end = Math.min(position + length - 1, range.last());
            if (start <= end) {
                out.write(bytes, offset + (int) (start - position), (int) (end - start + 1));
            }
            position += length;
        }
    }
}
