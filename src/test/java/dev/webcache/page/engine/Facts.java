package dev.webcache.page.engine;

import dev.webcache.http.CacheControl;
import dev.webcache.http.HttpDates;
import dev.webcache.http.RequestDirectives;
import dev.webcache.http.TargetedCacheControl;
import dev.webcache.http.VaryHeaders;
import dev.webcache.page.PageCacheMode;
import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Snapshots for the decision tables: requests and responses written as header lines, at a fixed time. */
final class Facts {
    /** The time of every decision in the tables. */
    static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

    private Facts() {
    }

    /** An HTTP date {@code seconds} from {@link #NOW} (negative: in the past). */
    static String date(long seconds) {
        return HttpDates.format(Instant.ofEpochMilli(NOW).plusSeconds(seconds));
    }

    static PageCacheSettings.Builder origin() {
        return PageCacheSettings.builder();
    }

    static PageCacheSettings.Builder shared() {
        return PageCacheSettings.builder().mode(PageCacheMode.SHARED);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** A request: a method, then identity words ({@code authorization}, {@code principal}, {@code session}) and
     * {@code Cache-Control:} or {@code Pragma:} lines. */
    static RequestFacts request(String method, String... facts) {
        boolean authorization = false;
        boolean principal = false;
        boolean session = false;
        List<String> cacheControl = new ArrayList<>();
        List<String> pragma = new ArrayList<>();
        for (String fact : facts) {
            switch (fact) {
                case "authorization" -> authorization = true;
                case "principal" -> principal = true;
                case "session" -> session = true;
                default -> {
                    String[] line = fact.split(":", 2);
                    (line[0].equalsIgnoreCase("Pragma") ? pragma : cacheControl).add(line[1].strip());
                }
            }
        }
        return new RequestFacts(method, RequestIdentity.of(authorization, principal, session),
                RequestDirectives.of(cacheControl, pragma));
    }

    static RequestFacts get(String... facts) {
        return request("GET", facts);
    }

    /** A response held whole by the capture, with these header lines ({@code Name: value}). */
    static Response response(int status, String... headerLines) {
        return new Response(status, List.of(headerLines), false, ResponseFacts.Body.HELD, null, false);
    }

    /** A response under construction for a table row. */
    record Response(int status, List<String> lines, boolean addsCookie, ResponseFacts.Body body,
                    Refusal streamedBecause, boolean mismatched) {
        Response addCookie() {
            return new Response(status, lines, true, body, streamedBecause, mismatched);
        }

        Response streamed(Refusal why) {
            return new Response(status, lines, addsCookie, ResponseFacts.Body.STREAMED, why, mismatched);
        }

        Response committed() {
            return new Response(status, lines, addsCookie, ResponseFacts.Body.COMMITTED, null, mismatched);
        }

        Response withLengthMismatch() {
            return new Response(status, lines, addsCookie, body, streamedBecause, true);
        }

        List<String> values(String name) {
            return lines.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).toList();
        }

        String value(String name) {
            List<String> values = values(name);
            return values.isEmpty() ? null : String.join(", ", values);
        }

        ResponseFacts facts() {
            boolean setsCookie = addsCookie || value("Set-Cookie") != null || value("Set-Cookie2") != null;
            return new ResponseFacts(status, CacheControl.parse(values("Cache-Control")),
                    TargetedCacheControl.select(PageCacheSettings.DEFAULT_TARGETED_FIELDS, this::values),
                    VaryHeaders.parse(values("Vary")), setsCookie, values("Expires"), value("Date"),
                    value("Last-Modified"), value("ETag"), value("Age"), body, streamedBecause, mismatched);
        }

        /** The lines as a stored page gets them. */
        List<String[]> headerLines() {
            return lines.stream().map(line -> line.split(":", 2)).map(pair -> new String[] {pair[0], pair[1].strip()})
                    .toList();
        }

        @Override
        public String toString() {
            return status + " " + lines + (addsCookie ? " +cookie" : "") + (body != ResponseFacts.Body.HELD
                    ? " " + body + "(" + streamedBecause + ")" : "") + (mismatched ? " length-mismatch" : "");
        }
    }
}
