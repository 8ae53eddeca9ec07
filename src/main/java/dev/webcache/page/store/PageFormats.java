package dev.webcache.page.store;

import dev.webcache.cache.CompactFormat;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact byte forms of what the page cache stores ({@link StoredPage}, {@link LearnedVary}), so that pages on a
 * shared backend (Hazelcast) are written and read field by field, never through Java serialization. Registered when
 * the page cache is first used; the ids carry the layout version.
 */
final class PageFormats {
    static final CompactFormat<StoredPage> PAGE = new PageFormat();
    static final CompactFormat<LearnedVary> LEARNED_VARY = new LearnedVaryFormat();
    /** Bounds what a corrupt or hostile entry can make a reader allocate. */
    private static final int MAX_COUNT = 1 << 16;

    private PageFormats() {
    }

    static void register() {
        CompactFormat.register(PAGE);
        CompactFormat.register(LEARNED_VARY);
    }

    private static final class PageFormat implements CompactFormat<StoredPage> {
        @Override
        public String id() {
            return "webcache.page/2";
        }

        @Override
        public Class<StoredPage> type() {
            return StoredPage.class;
        }

        @Override
        public void write(StoredPage page, DataOutput out) throws IOException {
            page.writeCompact(out);
        }

        @Override
        public StoredPage read(DataInput in) throws IOException {
            return StoredPage.readCompact(in);
        }
    }

    private static final class LearnedVaryFormat implements CompactFormat<LearnedVary> {
        @Override
        public String id() {
            return "webcache.page.vary/2";
        }

        @Override
        public Class<LearnedVary> type() {
            return LearnedVary.class;
        }

        @Override
        public void write(LearnedVary vary, DataOutput out) throws IOException {
            writeString(out, vary.generation());
            writeStrings(out, vary.names());
            out.writeBoolean(vary.invalidationMark());
            out.writeBoolean(vary.page() != null);
            if (vary.page() != null) {
                vary.page().writeCompact(out);
            }
        }

        @Override
        public LearnedVary read(DataInput in) throws IOException {
            String generation = readString(in);
            List<String> names = readStrings(in);
            boolean mark = in.readBoolean();
            StoredPage page = in.readBoolean() ? StoredPage.readCompact(in) : null;
            return new LearnedVary(generation, names, mark, page);
        }
    }

    /** A string of any length (null allowed), as its UTF-8 bytes after their count ({@code -1}: null). */
    static void writeString(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInput in) throws IOException {
        byte[] bytes = readBytes(in, true);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Bytes written by {@link #writeBytes}; {@code null} for a count of -1 when {@code nullable}. */
    static byte[] readBytes(DataInput in, boolean nullable) throws IOException {
        int length = in.readInt();
        if (length == -1 && nullable) {
            return null;
        }
        // a length past the end of the value is a lie that would only make this reader allocate
        if (length < 0 || length > Integer.MAX_VALUE - 8
                || in instanceof DataInputStream stream && length > stream.available()) {
            throw new InvalidObjectException("a stored length of " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static void writeStrings(DataOutput out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    static List<String> readStrings(DataInput in) throws IOException {
        int count = count(in);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    static int count(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new InvalidObjectException("a stored count of " + count);
        }
        return count;
    }
}
