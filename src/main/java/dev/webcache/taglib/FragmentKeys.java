package dev.webcache.taglib;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The cache keys of {@code <cache:fragment>}: Django's {@code make_template_fragment_key}, value for value, so a
 * fragment is invalidated from Java with one {@code cache.delete(FragmentKeys.of("sidebar", user))} and a key
 * computed by Django for the same name and values is the same string.
 *
 * <p>The key is {@code template.cache.<name>.<md5>}: the name verbatim, then the MD5 of each vary value's Python
 * {@code str()} in UTF-8 followed by {@code ':'}. Vary values render as Python would render the equivalent value:
 * {@code null} as {@code None}, {@code true} as {@code True}, {@code 1.5} as {@code 1.5}, a list as
 * {@code [1, 'a']}.
 */
public final class FragmentKeys {
    private static final String PREFIX = "template.cache.";
    private static final String ICACHE_PREFIX = "template.icache.";
    /** Cloned for each key: much cheaper than looking the algorithm up every time. */
    private static final MessageDigest MD5 = md5();

    private FragmentKeys() {
    }

    /**
     * The key of fragment {@code name} varying on {@code varyOn}, e.g. {@code of("foo", "abc")} is
     * {@code template.cache.foo.493e283d571a73056196f1a68efd0f66}.
     */
    public static String of(String name, Object... varyOn) {
        return of(name, varyOn == null ? List.of() : Arrays.asList(varyOn));
    }

    /**
     * The key of fragment {@code name} varying on the values of {@code varyOn} (Django's {@code vary_on} list); to
     * vary on a list as one value, pass it inside another.
     */
    public static String of(String name, Collection<?> varyOn) {
        if (name == null) {
            throw new NullPointerException("a fragment name is never null");
        }
        return PREFIX + name + "." + md5OfStrs(varyOn);
    }

    /** The key of {@code <cache:icache>}: the same hash over the token list in the order written. */
    static String icacheKey(List<String> tokens) {
        return ICACHE_PREFIX + md5OfStrs(tokens);
    }

    private static String md5OfStrs(Collection<?> values) {
        MessageDigest md5;
        try {
            md5 = (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            md5 = md5();
        }
        for (Object value : values) {
            md5.update(PythonStr.str(value).getBytes(StandardCharsets.UTF_8));
            md5.update((byte) ':');
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
