package dev.webcache.taglib;

import dev.webcache.cache.Cache;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** How the tags read their attribute values: timeouts, vary values and token lists. */
final class TagValues {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[,\\s]+");

    private TagValues() {
    }

    /**
     * A timeout attribute as Django's {@code int()} reads it: whole seconds (a number, or text such as {@code 300});
     * {@code null}, empty text or {@code none} mean forever; a fractional number is truncated.
     *
     * @throws IllegalArgumentException naming the value when it is not a whole number
     */
    static Duration timeout(Object value) {
        if (value == null) {
            return Cache.FOREVER;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Duration.ofSeconds(((Number) value).longValue());
        }
        String text = value.toString().trim();
        if (value instanceof String && (text.isEmpty() || text.equalsIgnoreCase("none"))) {
            return Cache.FOREVER;
        }
        try {
            if (value instanceof String && WHOLE_NUMBER.matcher(text).matches()) {
                return seconds(new BigInteger(text.replace("_", "")));
            }
            if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double
                    || value instanceof Float) {
                return seconds(new BigDecimal(text).toBigInteger());
            }
        } catch (NumberFormatException notFinite) {
            // NaN or infinity: reported below
        }
        throw new IllegalArgumentException("the timeout '" + value + "' is not a whole number of seconds; use e.g."
                + " timeout=\"300\", or an empty value or none to cache forever");
    }

    private static Duration seconds(BigInteger seconds) {
        if (seconds.bitLength() < Long.SIZE) {
            return Duration.ofSeconds(seconds.longValue());
        }
        return seconds.signum() > 0 ? Cache.FOREVER : Duration.ofSeconds(-1);
    }

    /**
     * The vary values of one attribute value: the elements of a collection, array or other iterable (an EL list
     * literal {@code ${[a, b]}} included), else the value itself as the only one ({@code null} too, which renders
     * as {@code None}).
     */
    static List<Object> varyValues(Object vary) {
        if (vary instanceof Iterable<?> iterable) {
            List<Object> values = new ArrayList<>();
            iterable.forEach(values::add);
            return values;
        }
        if (vary instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (vary != null && vary.getClass().isArray()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0, n = Array.getLength(vary); i < n; i++) {
                values.add(Array.get(vary, i));
            }
            return values;
        }
        List<Object> single = new ArrayList<>(1);
        single.add(vary);
        return single;
    }

    /**
     * The tokens of one attribute value: text is split at commas and white space ({@code "movies, user-42"}); the
     * elements of a collection or array are tokens as they are, each rendered by Python's {@code str()}; a map is
     * one value. {@code null} gives no tokens.
     */
    static List<String> tokens(Object tokens) {
        if (tokens == null) {
            return List.of();
        }
        if (tokens instanceof String text) {
            List<String> split = new ArrayList<>();
            for (String token : TOKEN_SEPARATORS.split(text.trim())) {
                if (!token.isEmpty()) {
                    split.add(token);
                }
            }
            return split;
        }
        List<String> values = new ArrayList<>();
        for (Object token : varyValues(tokens)) {
            values.add(PythonStr.str(token));
        }
        return values;
    }
}
