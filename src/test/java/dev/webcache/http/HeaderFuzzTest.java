package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: 10,000 random and mutated Cache-Control, Vary and date strings (a fixed seed, so a failure
 * reproduces) never make a parser throw, and nothing formatted from them contains CR, LF or another control
 * character, so no parsed value can split a response header.
 */
class HeaderFuzzTest {
    private static final List<String> SEEDS = List.of(
            "max-age=60, public", "no-cache=\"Set-Cookie, Link\", private", "s-maxage=999999999999999999999",
            "Cookie, Accept-Encoding", "*", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", "x=\"a\\\"b\", y=", "W/\"etag\", \"other\"", "max-stale, min-fresh=5");
    private static final String ALPHABET = "aZ09-=,;\"\\ \t\r\n\u0000\u007f\u00e9\u20ac\ud83d:/*W";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void tenThousandHostileStringsNeverThrowNorProduceControlCharacters() {
        Random random = new Random(20260101L);
        CacheControl patch = CacheControl.builder().maxAge(30).cachePublic().noCache("Set-Cookie").build();
        for (int round = 0; round < 10_000; round++) {
            String input = hostile(random);
            CacheControl cc = CacheControl.parse(input);
            assertClean(cc.toString(), input);
            assertClean(cc.merge(patch).toString(), input);
            assertClean(patch.merge(cc).toString(), input);
            cc.maxAge();
            cc.sMaxAge();
            cc.noCacheFields();
            cc.privateFields();
            cc.maxStale();
            VaryHeaders vary = VaryHeaders.parse(input);
            assertClean(vary.toString(), input);
            assertClean(vary.plus(List.of("Cookie")).toString(), input);
            HttpDates.parse(input, CLOCK).ifPresent(date -> assertClean(HttpDates.format(date), input));
            EntityTag.parseList(input).forEach(tag -> assertClean(tag.toString(), input));
            new ConditionalRequest("GET", input, input, input, input).evaluateHeaders(input, input);
        }
    }

    private static String hostile(Random random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(60);
                for (int i = 0; i < length; i++) {
                    s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                return s.toString();
            }
            case 1 -> {
                StringBuilder s = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
                int edits = 1 + random.nextInt(4);
                for (int i = 0; i < edits && s.length() > 0; i++) {
                    int at = random.nextInt(s.length());
                    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> s.setCharAt(at, c);
                        case 1 -> s.insert(at, c);
                        default -> s.deleteCharAt(at);
                    }
                }
                return s.toString();
            }
            default -> {
                char[] chars = new char[random.nextInt(40)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) random.nextInt(0x10000);
                }
                return new String(chars);
            }
        }
    }

    private static void assertClean(String header, String input) {
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            assertFalse(c == '\r' || c == '\n', () -> "CR or LF in '" + header + "' from '" + input + "'");
            assertTrue(c == '\t' || c >= 0x20 && c != 0x7f && c <= 0xff,
                    () -> "control or non-Latin-1 character in '" + header + "' from '" + input + "'");
        }
    }
}
