package org.gleaner.fetch;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a response body into memory, removing gzip/deflate, and stops as soon as either the bytes on the wire or the
 * DECODED bytes pass the cap (a 50 KiB gzip bomb that inflates to gigabytes is stopped at the cap) or the total
 * deadline passes (a server dripping one byte per second cannot keep the read alive).
 */
final class BodyReader {

    /** The body grew past its cap. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("body exceeded its cap");
        }
    }

    /** The total deadline passed while reading. */
    static final class DeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineException() {
            super("total deadline passed");
        }
    }

    /** The server used a content coding we did not offer. */
    static final class UnsupportedEncodingException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedEncodingException(String coding) {
            super("unsupported content encoding '" + coding + "'");
        }
    }

    /** Stacked codings beyond this are refused: "gzip, gzip, gzip" is an attack, not a server. */
    private static final int MAX_CODINGS = 2;

    private static final int BUFFER = 16 * 1024;

    private BodyReader() {}

    static byte[] read(InputStream wire, @Nullable String contentEncoding, long maxBytes, long deadlineNanos)
            throws IOException {
        InputStream counted = new Guard(wire, maxBytes, deadlineNanos);
        PushbackInputStream peek = new PushbackInputStream(counted, 2);
        int first = peek.read();
        if (first < 0) {
            return new byte[0];
        }
        peek.unread(first);
        InputStream decoded = decode(peek, contentEncoding);
        InputStream capped = decoded == peek ? peek : new Guard(decoded, maxBytes, deadlineNanos);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, 64 * 1024));
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = capped.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static InputStream decode(PushbackInputStream in, @Nullable String contentEncoding) throws IOException {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return in;
        }
        List<String> codings = new ArrayList<>();
        for (String part : contentEncoding.split(",")) {
            String coding = part.strip().toLowerCase(Locale.ROOT);
            if (!coding.isEmpty() && !coding.equals("identity")) {
                codings.add(coding);
            }
        }
        if (codings.size() > MAX_CODINGS) {
            throw new UnsupportedEncodingException(contentEncoding);
        }
        InputStream current = in;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String coding = codings.get(i);
            current = switch (coding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(current, BUFFER);
                case "deflate" -> inflate(current);
                default -> throw new UnsupportedEncodingException(coding);
            };
        }
        return current;
    }

    /** "deflate" is meant to be zlib-wrapped, but many servers send raw deflate; the zlib header tells them apart. */
    private static InputStream inflate(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        int b0 = peek.read();
        int b1 = b0 < 0 ? -1 : peek.read();
        if (b1 >= 0) {
            peek.unread(b1);
        }
        if (b0 >= 0) {
            peek.unread(b0);
        }
        boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
        return new InflaterInputStream(peek, new Inflater(!zlib), BUFFER);
    }

    /** Counts bytes and checks the deadline on every read. */
    private static final class Guard extends FilterInputStream {
        private final long max;
        private final long deadlineNanos;
        private long count;

        Guard(InputStream in, long max, long deadlineNanos) {
            super(in);
            this.max = max;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n = super.read(b, off, (int) Math.min(len, max - count + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }

        private void check() throws DeadlineException {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new DeadlineException();
            }
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > max) {
                throw new TooLargeException();
            }
        }
    }
}
