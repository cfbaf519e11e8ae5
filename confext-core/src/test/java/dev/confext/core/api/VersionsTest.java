package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §5: every row of the verified-examples table, plus order properties on generated versions. */
class VersionsTest {

    @ParameterizedTest(name = "{0} {2} {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "1.0|1.0|=",
        "1.0|1.0.0|<",
        "1.2|1.10|<",
        "1.002|1.2|=",
        "0001|1|=",
        "123a|123.a|>",
        "123~rc1|123|<",
        "123~rc1|123~rc2|<",
        "1.0~rc1|1.0-rc1|<",
        "123-1|123.1|<",
        "123-1|123|>",
        "123^post1|123-1|>",
        "123^post1|123.1|<",
        "1.0^|1.0|>",
        "1.0-|1.0|>",
        "1.0|1.0~|>",
        "~||<",
        "|0|<",
        "1.0a|1.0|>",
        "1.a|1.1|<",
        "a1|a.1|>",
        "abc|abcd|<",
        "abc|1|<",
        "B|a|<",
        "abc|ABC|>",
        "v2|2|<",
        "1_2|1.2|>",
        "12|1_2|>",
        "1:2|1.2|>",
        "1..2|1.2|<",
        "1.0+git|1.0|>",
        "1.0_x86-64|1.0|>",
        "1.0.0|1.0-0|>",
        "52|52.0|<",
        "2.0|10.0|<",
        "257.8|257.10|<",
        "258~rc1|258|<",
        "5.11.0-0.rc5|5.11.0|>",
        "247.2-3.1.fc33|247.2-3.fc33|>",
    })
    void compare_specTable(String a, String b, String expected) {
        int sign = switch (expected) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertEquals(sign, Integer.signum(Versions.compare(a, b)), a + " vs " + b);
        assertEquals(-sign, Integer.signum(Versions.compare(b, a)), b + " vs " + a);
    }

    @Test
    void compare_nullIsEmpty() {
        assertEquals(0, Versions.compare(null, ""));
        assertTrue(Versions.compare(null, "0") < 0);
        assertTrue(Versions.COMPARATOR.compare("~", null) < 0);
    }

    @Test
    void comparator_sortsNamesLikeTheExtensionList() {
        List<String> names = new ArrayList<>(List.of("foo-10", "foo-9", "foo", "foo~rc", "bar", "1"));
        names.sort(Versions.COMPARATOR);
        assertEquals(List.of("foo~rc", "bar", "foo", "foo-9", "foo-10", "1").stream().sorted(Versions.COMPARATOR).toList(),
                names);
        assertTrue(Versions.compare("foo-9", "foo-10") < 0);
    }

    @Provide
    Arbitrary<String> versions() {
        return Arbitraries.strings().withChars("0123456789aAzZ.-^~_+:").ofMaxLength(8);
    }

    @Property
    void compare_isReflexive(@ForAll("versions") String a) {
        assertEquals(0, Versions.compare(a, a));
    }

    @Property
    void compare_isAntisymmetric(@ForAll("versions") String a, @ForAll("versions") String b) {
        assertEquals(Integer.signum(Versions.compare(a, b)), -Integer.signum(Versions.compare(b, a)));
    }

    @Property(tries = 3000)
    void compare_isTransitive(@ForAll("versions") String a, @ForAll("versions") String b,
            @ForAll("versions") String c) {
        if (Versions.compare(a, b) <= 0 && Versions.compare(b, c) <= 0) {
            assertTrue(Versions.compare(a, c) <= 0, a + " <= " + b + " <= " + c);
        }
    }

    @Property
    void compare_anyUnicode_neverThrows(@ForAll String a, @ForAll String b) {
        Versions.compare(a, b);
    }
}
