package dev.webcache.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MadeKeys} gives the key {@link FragmentKeys} would make, remembered or not, and stays bounded. */
class MadeKeysTest {

    /** The key the tag made before keys were remembered. */
    private static String hashed(String name, boolean varySet, Object vary) {
        return FragmentKeys.of(name, varySet ? TagValues.varyValues(vary) : List.of());
    }

    @Test
    void everyKindOfVaryValueGetsTheKeyFragmentKeysMakes() {
        List<Object> values = Arrays.asList(null, "ann", "", 42L, 42, 42.0, true, 'c', "x".repeat(500),
                new ArrayList<>(Arrays.asList("ann", 1L, null, false)), new ArrayList<>(List.of(List.of(1, 2))),
                new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)), new LinkedHashSet<>(List.of("b", "a")),
                new String[] {"a", "b"}, new int[] {1, 2}, List.of("ann", "en"));
        for (Object value : values) {
            for (int use = 0; use < 2; use++) {
                assertEquals(hashed("name", true, value), MadeKeys.of("name", true, value), String.valueOf(value));
            }
        }
        assertEquals(FragmentKeys.of("name"), MadeKeys.of("name", false, null));
        assertEquals(FragmentKeys.of("name", (Object) null), MadeKeys.of("name", true, null),
                "vary=\"${null}\" is Python's None, not the absence of vary values");
        assertNotEquals(MadeKeys.of("name", false, null), MadeKeys.of("name", true, null));
        assertEquals(hashed("n".repeat(1000), true, "ann"), MadeKeys.of("n".repeat(1000), true, "ann"));
    }

    @Test
    void equalLookingValuesOfDifferentTypesOrNamesNeverShareAKey() {
        assertEquals(FragmentKeys.of("user", "1"), MadeKeys.of("user", true, "1"));
        assertEquals(FragmentKeys.of("user", 1L), MadeKeys.of("user", true, 1L));
        assertEquals(FragmentKeys.of("user", true), MadeKeys.of("user", true, true));
        assertEquals(FragmentKeys.of("user", "True"), MadeKeys.of("user", true, "True"));
        assertEquals(FragmentKeys.of("other", "1"), MadeKeys.of("other", true, "1"));
        assertNotEquals(MadeKeys.of("user", true, "ann"), MadeKeys.of("user", true, "bob"));
        assertNotEquals(MadeKeys.of("user", true, "ann"), MadeKeys.of("other", true, "ann"));
    }

    @Test
    void aListChangedAfterItsUseGetsTheKeyOfItsNewValues() {
        List<Object> vary = new ArrayList<>(List.of("ann", "en"));
        assertEquals(FragmentKeys.of("page", "ann", "en"), MadeKeys.of("page", true, vary));
        vary.set(1, "de");
        assertEquals(FragmentKeys.of("page", "ann", "de"), MadeKeys.of("page", true, vary));
        vary.set(1, "en");
        assertEquals(FragmentKeys.of("page", "ann", "en"), MadeKeys.of("page", true, vary));
    }

    @Test
    void aFloodOfDistinctValuesKeepsTheMemoBoundedAndEveryKeyRight() {
        for (int user = 0; user < 3 * MadeKeys.CAPACITY; user++) {
            assertEquals(FragmentKeys.of("profile", "user-" + user), MadeKeys.of("profile", true, "user-" + user));
            assertTrue(MadeKeys.size() <= MadeKeys.CAPACITY, "remembered " + MadeKeys.size());
        }
        assertEquals(FragmentKeys.of("profile", "user-7"), MadeKeys.of("profile", true, "user-7"));
        assertEquals(FragmentKeys.of("profile", 7L), MadeKeys.of("profile", true, 7L));
    }
}
