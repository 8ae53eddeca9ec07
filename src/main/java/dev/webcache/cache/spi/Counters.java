package dev.webcache.cache.spi;

import java.math.BigInteger;

/** The arithmetic of an atomic increment, shared by every backend so that all of them treat numbers alike. */
public final class Counters {
    private Counters() {
    }

    /**
     * Adds {@code delta} to a stored integral number, keeping its boxed type ({@code Integer} stays {@code Integer}).
     *
     * @throws ClassCastException  if {@code stored} is not a {@code Long}, {@code Integer}, {@code Short},
     *                             {@code Byte} or {@code BigInteger}
     * @throws ArithmeticException if the result does not fit the stored type
     */
    public static Object add(Object stored, long delta) {
        if (stored instanceof Long l) {
            return Math.addExact(l, delta);
        }
        if (stored instanceof Integer i) {
            return Math.toIntExact(Math.addExact((long) i, delta));
        }
        if (stored instanceof Short s) {
            long sum = Math.addExact((long) s, delta);
            if (sum != (short) sum) {
                throw new ArithmeticException("short overflow");
            }
            return (short) sum;
        }
        if (stored instanceof Byte b) {
            long sum = Math.addExact((long) b, delta);
            if (sum != (byte) sum) {
                throw new ArithmeticException("byte overflow");
            }
            return (byte) sum;
        }
        if (stored instanceof BigInteger big) {
            return big.add(BigInteger.valueOf(delta));
        }
        String type = stored == NullValue.INSTANCE ? "null" : stored.getClass().getName();
        throw new ClassCastException("the stored value is not an integer: " + type);
    }

    /** The {@code long} value of a number that {@link #add} produced. */
    public static long toLong(Object number) {
        return number instanceof BigInteger big ? big.longValueExact() : ((Number) number).longValue();
    }
}
