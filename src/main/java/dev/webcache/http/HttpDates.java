package dev.webcache.http;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110 section 5.6.7): written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), read in all
 * three formats a recipient must accept: IMF-fixdate, the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37
 * GMT}) and ANSI C's asctime ({@code Sun Nov  6 08:49:37 1994}). Reading is lenient: surrounding whitespace, the
 * case of names (and of {@code GMT}) and the weekday are not checked; anything else gives an empty result, never an
 * exception.
 */
public final class HttpDates {
    // RFC_1123_DATE_TIME writes one-digit days ("6 Nov"), which IMF-fixdate does not allow
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final Pattern IMF = Pattern.compile(
            "[A-Za-z]{3}, (\\d{2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (?i:GMT)");
    private static final Pattern RFC_850 = Pattern.compile(
            "[A-Za-z]{6,9}, (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) (?i:GMT)");
    private static final Pattern ASCTIME = Pattern.compile(
            "[A-Za-z]{3} ([A-Za-z]{3}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");

    private HttpDates() {
    }

    /** The instant as IMF-fixdate, to the second (fractions dropped; clamped to years 1 to 9999). */
    public static String format(Instant instant) {
        Instant clamped = instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
        return IMF_FIXDATE.format(clamped);
    }

    /** Reads an HTTP date; an RFC 850 two-digit year is placed by the system clock. */
    public static Optional<Instant> parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    /**
     * Reads an HTTP date. An RFC 850 two-digit year that would be more than 50 years after {@code clock}'s year is
     * taken as the most recent past year with those digits (RFC 9110 section 5.6.7).
     */
    public static Optional<Instant> parse(String value, Clock clock) {
        if (value == null || value.length() > 64) {
            return Optional.empty();
        }
        String date = value.strip();
        Matcher m = IMF.matcher(date);
        if (m.matches()) {
            return of(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
        }
        m = RFC_850.matcher(date);
        if (m.matches()) {
            int thisYear = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).getYear();
            int year = thisYear - Math.floorMod(thisYear, 100) + Integer.parseInt(m.group(3));
            if (year > thisYear + 50) {
                year -= 100;
            }
            return of(year, m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
        }
        m = ASCTIME.matcher(date);
        if (m.matches()) {
            return of(Integer.parseInt(m.group(6)), m.group(1), m.group(2).strip(), m.group(3), m.group(4),
                    m.group(5));
        }
        return Optional.empty();
    }

    private static Optional<Instant> of(int year, String monthName, String day, String hour, String minute,
            String second) {
        int month = MONTHS.indexOf(monthName.toLowerCase(Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return Optional.empty();
        }
        try {
            // a leap second (60) is read as the last second of its minute
            int seconds = Integer.parseInt(second);
            return Optional.of(LocalDateTime.of(year, month / 3 + 1, Integer.parseInt(day), Integer.parseInt(hour),
                    Integer.parseInt(minute), seconds == 60 ? 59 : seconds).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
