package dev.webcache.benchmarks;

import dev.webcache.cache.CompactFormat;
import dev.webcache.cache.ImmutableValue;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored page as the tier benchmarks store it: status, header lines and body, with a compact form like the page
 * cache's own pages (so an off-heap or disk tier holds it in bytes, read back field by field). The body array is
 * never handed out to be changed.
 *
 * @param status  the HTTP status
 * @param headers header lines, {@code name: value}
 * @param body    the body bytes
 */
public record BenchPage(int status, List<String> headers, byte[] body) implements ImmutableValue {
    private static final long serialVersionUID = 1L;

    static {
        CompactFormat.register(new Format());
    }

    public BenchPage {
        headers = List.copyOf(headers);
    }

    /** A 200 page of {@code size} body bytes with the headers a cached page carries. */
    public static BenchPage of(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return new BenchPage(200, List.of("Content-Type: text/html;charset=UTF-8", "Cache-Control: max-age=600",
                "ETag: \"3bA2xQm9RkT0ZcVw1yHe7L\"", "Expires: Sat, 05 Dec 2026 12:00:00 GMT", "Vary: Accept-Encoding"),
                body);
    }

    /** The compact form: status, header count and lines, body length and bytes. */
    private static final class Format implements CompactFormat<BenchPage> {
        @Override
        public String id() {
            return "bench-page-1";
        }

        @Override
        public Class<BenchPage> type() {
            return BenchPage.class;
        }

        @Override
        public void write(BenchPage page, DataOutput out) throws IOException {
            out.writeShort(page.status());
            out.writeShort(page.headers().size());
            for (String header : page.headers()) {
                out.writeUTF(header);
            }
            out.writeInt(page.body().length);
            out.write(page.body());
        }

        @Override
        public BenchPage read(DataInput in) throws IOException {
            int status = in.readUnsignedShort();
            int count = in.readUnsignedShort();
            List<String> headers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                headers.add(in.readUTF());
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new BenchPage(status, headers, body);
        }
    }
}
