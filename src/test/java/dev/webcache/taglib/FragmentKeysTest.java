package dev.webcache.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FragmentKeys} gives Django's make_template_fragment_key for the same name and values. */
class FragmentKeysTest {

    @Test
    void djangosPublishedVectors() {
        assertEquals("template.cache.a.fragment.d41d8cd98f00b204e9800998ecf8427e", FragmentKeys.of("a.fragment"));
        assertEquals("template.cache.foo.493e283d571a73056196f1a68efd0f66", FragmentKeys.of("foo", "abc"));
        assertEquals("template.cache.foo.493e283d571a73056196f1a68efd0f66", FragmentKeys.of("foo", List.of("abc")));
        assertEquals("template.cache.bar.17c1a507a0cb58384f4c639067a93520", FragmentKeys.of("bar", "abc", "def"));
        assertEquals("template.cache.spam.06c8ae8e8c430b69fb0a6443504153dc", FragmentKeys.of("spam", "abc:def%"));
        assertEquals("template.cache.foo.7ae8fd2e0d25d651c683bdeebdb29461", FragmentKeys.of("foo", 1, 2, 3, 4, 5));
        assertEquals("template.cache.foo.7ae8fd2e0d25d651c683bdeebdb29461", FragmentKeys.of("foo", 1L, 2L, 3, (short) 4,
                BigInteger.valueOf(5)));
        assertEquals("template.cache.foo.7ced1c94e543668590ba39b3c08b0237", FragmentKeys.of("foo", "42º", "😀"));
        assertEquals("template.cache.foo.3670b349b5124aa56bdb50678b02b23a", FragmentKeys.of("foo", "x".repeat(10000)));
    }

    @Test
    void noneAndEmptyVaryGiveTheMd5OfNothing() {
        assertEquals("template.cache.x.d41d8cd98f00b204e9800998ecf8427e", FragmentKeys.of("x", (Object[]) null));
        assertEquals("template.cache.x.d41d8cd98f00b204e9800998ecf8427e", FragmentKeys.of("x", List.of()));
    }

    /** Keys that CPython 3 computes for the same values (hashlib.md5 over str(v) + ":"), as Django would. */
    @Test
    void nonStringValuesRenderAsPythonsStr() {
        assertEquals("template.cache.foo.6846ba559f7f55c20a67d890d03d20e0", FragmentKeys.of("foo", (Object) null));
        assertEquals("template.cache.foo.dbffd20747e935da3797c3c26dca38bc", FragmentKeys.of("foo", true));
        assertEquals("template.cache.foo.53c4571a62464d4be2fa5ad4ecb88588", FragmentKeys.of("foo", 1.5));
        assertEquals("template.cache.foo.53c4571a62464d4be2fa5ad4ecb88588", FragmentKeys.of("foo", 1.5f));
        assertEquals("template.cache.foo.6dbccd4813434822ae15ef99ddd7cbd7", FragmentKeys.of("foo", 1e16));
        assertEquals("template.cache.foo.1fec038836285bcc34ebf40dfa09dcef", FragmentKeys.of("foo", 0.0001));
        assertEquals("template.cache.foo.3024f3e78e3a7eee4474020bbb75e357", FragmentKeys.of("foo", 1e-5));
        assertEquals("template.cache.foo.e3ff3cae2c9ff13b70a0594c4f8a69c5", FragmentKeys.of("foo", 123.0));
        assertEquals("template.cache.foo.c24bf6d582ec889e5530254f2de405e8", FragmentKeys.of("foo", -0.0));
        assertEquals("template.cache.foo.5428ad398f6151f88fd6798841b6850c", FragmentKeys.of("foo", 0.1 + 0.2));
        assertEquals("template.cache.foo.451c9804a2f2dde1dd3c081770da524d", FragmentKeys.of("foo", 1e22));
        assertEquals("template.cache.foo.e1d34d0b0526f6ec26f573a0fbbd0ada", FragmentKeys.of("foo", Double.MIN_VALUE));
        assertEquals("template.cache.foo.5d32ee56541bc40d64989fdd0cc03ec7", FragmentKeys.of("foo", Double.NaN));
        assertEquals("template.cache.foo.20668193379df5132ac7c7b797178d4c",
                FragmentKeys.of("foo", BigInteger.TWO.pow(64)));
        // a list as one value: Python's str(list) uses repr() of the items
        assertEquals("template.cache.foo.588e6b4ba337ae86368327754f37cbe0",
                FragmentKeys.of("foo", List.of(Arrays.asList(1, "a", null))));
        assertEquals("template.cache.foo.61e7ae905033fe6fd4d9218bece9e31c",
                FragmentKeys.of("foo", Collections.singletonList(new Object[] {1.0, false})));
        assertEquals("template.cache.foo.c087fb793d079ae9b41ad58e7aecea20", FragmentKeys.of("foo", List.of(List.of("it's"))));
        assertEquals("template.cache.foo.62384b0bf1ffb1669f0ac1c10aa9e53b",
                FragmentKeys.of("foo", List.of(List.of("\u0000\u00a0é\u2028"))));
        Map<String, Integer> dict = new LinkedHashMap<>();
        dict.put("a", 1);
        assertEquals("template.cache.foo.1101020d2488e502d1df9058bb3dca21", FragmentKeys.of("foo", dict));
        assertEquals("template.cache.foo.9466dce50186a676c89b0e9a46d8098c", FragmentKeys.of("foo", List.of(Set.of())));
    }

    @Test
    void pythonFloatReprBoundaries() {
        assertEquals("1e+16", PythonStr.floatRepr(1e16));
        assertEquals("1000000000000000.0", PythonStr.floatRepr(1e15));
        assertEquals("1.2345678901234568e+17", PythonStr.floatRepr(123456789012345678.0));
        assertEquals("-2.5e-07", PythonStr.floatRepr(-2.5e-7));
        assertEquals("1e+100", PythonStr.floatRepr(1e100));
        assertEquals("inf", PythonStr.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonStr.floatRepr(Double.NEGATIVE_INFINITY));
        assertEquals("1.7976931348623157e+308", PythonStr.floatRepr(Double.MAX_VALUE));
    }

    @Test
    void theTagsAndTheElFunctionReadVaryAlike() {
        assertEquals(FragmentKeys.of("foo", "abc", "def"), Functions.fragmentKey("foo", List.of("abc", "def")));
        assertEquals(FragmentKeys.of("foo", "abc", "def"), Functions.fragmentKey("foo", new String[] {"abc", "def"}));
        assertEquals(FragmentKeys.of("foo", 1, 2), Functions.fragmentKey("foo", new int[] {1, 2}));
        assertEquals(FragmentKeys.of("foo", "abc"), Functions.fragmentKey("foo", "abc"));
        assertEquals(FragmentKeys.of("foo", (Object) null), Functions.fragmentKey("foo", null));
        assertEquals(FragmentKeys.of("foo"), Functions.fragmentKey("foo", List.of()));
    }
}
