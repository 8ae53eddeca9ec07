package dev.webcache.http;

import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} (RFC 9110 section 12.5.3) accepts a content coding, with quality
 * values parsed: {@code gzip;q=0} refuses gzip, {@code *} stands for every coding not listed, {@code x-gzip} is
 * gzip. A request without the header is answered in identity, the choice every client understands.
 */
public final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /** Whether {@code header} (all lines joined with commas, or {@code null}) accepts gzip. */
    public static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        Double gzip = null;
        Double wildcard = null;
        for (String member : HeaderSyntax.splitList(header)) {
            int semicolon = member.indexOf(';');
            String coding = (semicolon < 0 ? member : member.substring(0, semicolon)).strip()
                    .toLowerCase(Locale.ROOT);
            double quality = semicolon < 0 ? 1 : quality(member.substring(semicolon + 1));
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? quality : Math.max(gzip, quality);
            } else if (coding.equals("*")) {
                wildcard = quality;
            }
        }
        if (gzip != null) {
            return gzip > 0;
        }
        return wildcard != null && wildcard > 0;
    }

    /** The {@code q} of a member's parameters; an unreadable weight counts as a refusal. */
    private static double quality(String parameters) {
        for (String parameter : parameters.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("q")) {
                try {
                    double q = Double.parseDouble(parameter.substring(equals + 1).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
