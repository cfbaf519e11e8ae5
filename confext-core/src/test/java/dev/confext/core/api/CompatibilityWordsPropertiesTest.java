package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** {@code ID_LIKE} and {@code SYSEXT_SCOPE} words: split on systemd's whitespace, empty words dropped. */
class CompatibilityWordsPropertiesTest {
    @Property
    void words_anyText_sameAsSplittingOnWhitespaceRuns(
            @ForAll @StringLength(max = 40) @Chars({' ', '\t', '\n', '\r', '\f', '\u00a0', '-', '_'})
            @CharRange(from = 'a', to = 'e') String text) {
        assertEquals(Arrays.stream(text.split("[ \\t\\n\\r]+")).filter(w -> !w.isEmpty()).toList(),
                Compatibility.words(text));
    }
}
