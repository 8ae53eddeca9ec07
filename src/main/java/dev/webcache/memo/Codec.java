package dev.webcache.memo;

import dev.webcache.cache.DeserializationFilter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The byte stream of one memo key: items serialized, then zlib-compressed when asked, then AES-GCM encrypted when
 * a key is given (a random 12-byte nonce first, the 16-byte tag last). The associated data binds the ciphertext to
 * its memo key, its form (inline or chunked), its flags and its generation, so encrypted bytes cannot be moved to
 * another key or mixed with another write without failing authentication.
 */
final class Codec {
    static final byte INLINE = 'I';
    static final byte CHUNKED = 'C';
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    private static final int BUFFER = 64 * 1024;
    /** zlib's largest expansion ratio (deflate's best case), bounding what compressed bytes can decode to. */
    private static final long MAX_INFLATION = 1032;
    private static final byte[] AAD_LABEL = "webcache.memo/1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom NONCES = new SecureRandom();

    private final String memoKey;
    private final boolean compress;
    private final SecretKey aesKey;
    private final MemoSerializer serializer;
    private final DeserializationFilter filter;

    /** @param aesKey the key to encrypt with, or {@code null} for plain data */
    Codec(String memoKey, boolean compress, SecretKey aesKey, MemoSerializer serializer,
          DeserializationFilter filter) {
        this.memoKey = memoKey;
        this.compress = compress;
        this.aesKey = aesKey;
        this.serializer = serializer;
        this.filter = filter;
    }

    /** The flags of what this codec writes. */
    byte flags() {
        return (byte) ((compress ? StoredValue.COMPRESSED : 0) | (aesKey != null ? StoredValue.ENCRYPTED : 0));
    }

    /** Starts writing items as bytes onto {@code sink}; {@link Encoder#finish()} closes {@code sink}. */
    Encoder encoder(OutputStream sink, byte form, long generation) throws IOException {
        Deflater deflater = null;
        try {
            OutputStream out = sink;
            if (aesKey != null) {
                out = new EncryptingStream(sink, cipher(form, flags(), generation));
            }
            if (compress) {
                deflater = new Deflater();
                out = new DeflaterOutputStream(out, deflater, BUFFER);
            }
            // serializers write in small pieces; compressor, cipher and sink work best on large ones
            out = new BufferedOutputStream(out, BUFFER);
            return new Encoder(serializer.writer(out), out, deflater);
        } catch (IOException | RuntimeException e) {
            if (deflater != null) {
                deflater.end();
            }
            throw e;
        }
    }

    private Cipher cipher(byte form, byte flags, long generation) throws IOException {
        byte[] nonce = new byte[NONCE_LENGTH];
        NONCES.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData(form, flags, generation));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is not available: " + e, e);
        }
    }

    private byte[] associatedData(byte form, byte flags, long generation) {
        byte[] key = memoKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AAD_LABEL.length + 4 + key.length + 2 + 8).put(AAD_LABEL).putInt(key.length)
                .put(key).put(form).put(flags).putLong(generation).array();
    }

    /**
     * Checks and decrypts stored bytes (the parts in order). Authentication happens here, before anything is
     * deserialized; the result can be read any number of times.
     *
     * @throws UnreadableValueException if the bytes are not what this codec would have written for this key
     */
    Payload decode(List<byte[]> parts, byte storedFlags, byte form, long generation) throws UnreadableValueException {
        boolean encrypted = (storedFlags & StoredValue.ENCRYPTED) != 0;
        if (encrypted != (aesKey != null)) {
            throw new UnreadableValueException(encrypted ? "the data is encrypted but encryption was not asked for"
                    : "the data is not encrypted but encryption was asked for");
        }
        boolean compressed = (storedFlags & StoredValue.COMPRESSED) != 0;
        if (!encrypted) {
            return new Payload(parts.stream().map(ByteBuffer::wrap).toList(), compressed);
        }
        return new Payload(List.of(decrypt(parts, associatedData(form, storedFlags, generation))), compressed);
    }

    /**
     * Decrypts in one call, which is how the JDK's GCM works anyway (it holds all ciphertext until the tag checks).
     * Several parts are first copied into one array, which is then decrypted in place (the JDK allows an output
     * that starts before its input), so a hit holds one copy of the stored bytes besides the cache's own. The
     * cache's arrays themselves are never written to.
     */
    private ByteBuffer decrypt(List<byte[]> parts, byte[] associatedData) throws UnreadableValueException {
        boolean single = parts.size() == 1;
        byte[] ciphertext = single ? parts.get(0) : concat(parts);
        if (ciphertext.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new UnreadableValueException("the encrypted data is truncated (" + ciphertext.length + " bytes)");
        }
        int plainLength = ciphertext.length - NONCE_LENGTH - TAG_LENGTH;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_LENGTH * 8, ciphertext, 0, NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            byte[] plain = single ? new byte[plainLength] : ciphertext;
            cipher.doFinal(ciphertext, NONCE_LENGTH, ciphertext.length - NONCE_LENGTH, plain, 0);
            return ByteBuffer.wrap(plain, 0, plainLength);
        } catch (AEADBadTagException e) {
            throw new UnreadableValueException("the encrypted data fails authentication (another key, tampered or"
                    + " truncated)", e);
        } catch (GeneralSecurityException e) {
            throw new UnreadableValueException("the encrypted data cannot be decrypted: " + e, e);
        }
    }

    private static byte[] concat(List<byte[]> parts) throws UnreadableValueException {
        long total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new UnreadableValueException("the encrypted data is too large to decrypt in one array: " + total);
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Writes the items of one stream; on failure, {@link #abort()} frees what it holds. */
    static final class Encoder {
        private final MemoSerializer.ItemWriter items;
        private final OutputStream top;
        private final Deflater deflater;

        private Encoder(MemoSerializer.ItemWriter items, OutputStream top, Deflater deflater) {
            this.items = items;
            this.top = top;
            this.deflater = deflater;
        }

        void write(Object item) throws IOException {
            items.write(item);
        }

        /** Ends the stream: the end mark, the compressor's tail and the tag reach the sink, which is closed. */
        void finish() throws IOException {
            try {
                items.finish();
                top.close();
            } finally {
                abort();
            }
        }

        /** Drops the stream without writing its end; nothing more reaches the sink. */
        void abort() {
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    /** Authenticated (or plain) stored bytes, not yet deserialized; opened once per pass. */
    final class Payload {
        private final List<ByteBuffer> parts;
        private final boolean compressed;

        private Payload(List<ByteBuffer> parts, boolean compressed) {
            this.parts = parts;
            this.compressed = compressed;
        }

        /** Opens a new pass over the items. */
        Items open() throws IOException {
            InputStream in = parts.size() == 1 ? stream(parts.get(0))
                    : new SequenceInputStream(Collections.enumeration(parts.stream().map(Payload::stream).toList()));
            Inflater inflater = compressed ? new Inflater() : null;
            try {
                if (inflater != null) {
                    // serializers read in small pieces; each read of an inflater is a native call
                    in = new BufferedInputStream(new InflaterInputStream(in, inflater, BUFFER), BUFFER);
                }
                return new Items(serializer.reader(in, filter.forStream(longestStream())), inflater);
            } catch (IOException | RuntimeException e) {
                if (inflater != null) {
                    inflater.end();
                }
                throw e;
            }
        }

        /** The most bytes the stored parts can decode to: zlib expands by at most about 1032 to 1. */
        private long longestStream() {
            long stored = 0;
            for (ByteBuffer part : parts) {
                stored += part.remaining();
            }
            return compressed ? stored * MAX_INFLATION : stored;
        }

        private static InputStream stream(ByteBuffer part) {
            return new ByteArrayInputStream(part.array(), part.arrayOffset() + part.position(), part.remaining());
        }

        /** The one item of a single-value stream. */
        Object single() throws UnreadableValueException {
            try (Items items = open()) {
                if (!items.reader().hasNext()) {
                    throw new UnreadableValueException("the stream holds no item, one was expected");
                }
                Object value = items.reader().next();
                if (items.reader().hasNext()) {
                    throw new UnreadableValueException("the stream holds more than the one item expected");
                }
                return value;
            } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError
                     | OutOfMemoryError e) {
                throw undecodable(e);
            }
        }

        /**
         * Reads every item once and drops it, so that whatever cannot be decoded (a refused class, a missing
         * class, a corrupt stream) is found before the first item is handed out.
         */
        void validate() throws UnreadableValueException {
            try (Items items = open()) {
                while (items.reader().hasNext()) {
                    items.reader().next();
                }
            } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError
                     | OutOfMemoryError e) {
                throw undecodable(e);
            }
        }

        private static UnreadableValueException undecodable(Throwable e) {
            return new UnreadableValueException("the data cannot be decoded: " + e, e);
        }
    }

    /** One pass over the items of a payload; closing it frees the decompressor. */
    record Items(MemoSerializer.ItemReader reader, Inflater inflater) implements Closeable {
        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** Encrypts what passes through; closing writes the tag and closes the sink. */
    private static final class EncryptingStream extends FilterOutputStream {
        private final Cipher cipher;

        EncryptingStream(OutputStream sink, Cipher cipher) throws IOException {
            super(sink);
            this.cipher = cipher;
            sink.write(cipher.getIV());
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] encrypted = cipher.update(b, off, len);
            if (encrypted != null && encrypted.length > 0) {
                out.write(encrypted);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.write(cipher.doFinal());
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM failed to finish: " + e, e);
            }
            out.close();
        }
    }
}
