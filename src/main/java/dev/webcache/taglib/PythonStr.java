package dev.webcache.taglib;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Python's {@code str()} and {@code repr()} of Java values, so that fragment keys computed here are the keys Django
 * computes for the same values: {@code null} is {@code None}, booleans {@code True}/{@code False}, floating-point
 * numbers use Python's shortest round-trip form ({@code 1e+16}, {@code 1.0}), and collections, arrays and maps look
 * like Python lists, sets and dicts. Other objects use {@code toString()}.
 */
final class PythonStr {
    private PythonStr() {
    }

    /** Python's {@code str(value)}. */
    static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        return repr(value);
    }

    /** Python's {@code repr(value)}: as {@link #str} but strings are quoted, as inside a list. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Character c) {
            return quote(c.toString());
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            // Python's str(Decimal) and BigDecimal.toString both follow the General Decimal Arithmetic rules
            return decimal.toString();
        }
        if (value instanceof Set<?> set) {
            return set.isEmpty() ? "set()" : join("{", set.iterator(), "}");
        }
        if (value instanceof Collection<?> collection) {
            return join("[", collection.iterator(), "]");
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> out.add(repr(k) + ": " + repr(v)));
            return out.toString();
        }
        if (value.getClass().isArray()) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                out.add(repr(Array.get(value, i)));
            }
            return out.toString();
        }
        return value.toString();
    }

    private static String join(String open, Iterator<?> items, String close) {
        StringJoiner out = new StringJoiner(", ", open, close);
        items.forEachRemaining(item -> out.add(repr(item)));
        return out.toString();
    }

    /** Python's {@code repr(float)}: the shortest digits that read back as the same double. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentDigits = String.valueOf(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentDigits.length() < 2 ? "0" : "")
                + exponentDigits;
    }

    private static BigDecimal shortestDecimal(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == positive) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Python's {@code repr(str)}: single quotes unless the text has only single ones; unprintables escaped. */
    private static String quote(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp == quote) {
                out.append('\\').append(quote);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp < 0x100) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable} for one code point: not a control, format, separator or unassigned one. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
