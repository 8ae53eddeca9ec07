package dev.webcache.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Arrays;
import java.util.List;

/**
 * HTTP/1.1 over a plain socket, one request per connection, so tests see the header lines exactly as sent: order,
 * case, repeated lines and bytes (unlike {@code java.net.http}, which normalises them).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * Sends {@code method path} to {@code base} with the given header lines ({@code "Name: value"}; a {@code Host}
     * line replaces the one naming {@code base}) and a body (may be {@code null}), and reads the whole response.
     */
    public static Exchange send(URI base, String method, String path, byte[] body, String... headerLines) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            if (Arrays.stream(headerLines).noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
                head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            }
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return Exchange.read(socket.getInputStream(), "HEAD".equals(method));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET with the given header lines. */
    public static Exchange get(URI base, String path, String... headerLines) {
        return send(base, "GET", path, null, headerLines);
    }

    /** A response as received: the status, the header lines in order and the body (chunked encoding undone). */
    public record Exchange(int status, List<String> headerLines, byte[] body) {
        static Exchange read(InputStream in, boolean head) throws IOException {
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            if (end < 0) {
                throw new IOException("no complete response head: " + new String(all, StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String> headers = List.of(Arrays.copyOfRange(lines, 1, lines.length));
            byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
            Exchange exchange = new Exchange(status, headers, body);
            if (!head && "chunked".equalsIgnoreCase(exchange.header("Transfer-Encoding"))) {
                return new Exchange(status, headers, dechunk(body));
            }
            return exchange;
        }

        /** The value of the first line of that name, or {@code null}. */
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** The values of every line of that name, in order. */
        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }

        /** The header lines whose names are among {@code names} (case-insensitive), in order, as received. */
        public List<String> linesNamed(List<String> names) {
            List<String> lines = new ArrayList<>();
            for (String line : headerLines) {
                String name = line.substring(0, line.indexOf(':'));
                if (names.stream().anyMatch(name::equalsIgnoreCase)) {
                    lines.add(line);
                }
            }
            return lines;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (i < chunked.length) {
                int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, i);
                String size = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
                int n = Integer.parseInt(size, 16);
                if (n == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, n);
                i = lineEnd + 2 + n + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = from; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
