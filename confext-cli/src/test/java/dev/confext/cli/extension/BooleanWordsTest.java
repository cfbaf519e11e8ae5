package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** systemd's boolean words as {@code --noexec=} and {@code --always-refresh=} take them. */
class BooleanWordsTest {
    private static final Set<String> TRUE = Set.of("1", "yes", "y", "true", "t", "on");
    private static final Set<String> FALSE = Set.of("0", "no", "n", "false", "f", "off");

    @Test
    void parseBoolean_examples() {
        assertEquals(Optional.of(true), ExtensionCommandLine.parseBoolean("Yes"));
        assertEquals(Optional.of(false), ExtensionCommandLine.parseBoolean("OFF"));
        assertEquals(Optional.empty(), ExtensionCommandLine.parseBoolean(""));
        assertEquals(Optional.empty(), ExtensionCommandLine.parseBoolean(" yes"));
        assertEquals(Optional.empty(), ExtensionCommandLine.parseBoolean("2"));
    }

    @Provide
    Arbitrary<String> anyCasing() {
        return Arbitraries.of("1", "yes", "y", "true", "t", "on", "0", "no", "n", "false", "f", "off")
                .flatMap(word -> Arbitraries.integers().between(0, (1 << word.length()) - 1).map(mask -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < word.length(); i++) {
                        char c = word.charAt(i);
                        b.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
                    }
                    return b.toString();
                }));
    }

    @Property
    void parseBoolean_anyCasingOfAWord_parses(@ForAll("anyCasing") String word) {
        boolean expected = TRUE.contains(word.toLowerCase(Locale.ROOT));
        assertEquals(Optional.of(expected), ExtensionCommandLine.parseBoolean(word));
    }

    @Property
    void parseBoolean_anyOtherString_isRejected(@ForAll String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Optional<Boolean> expected = TRUE.contains(lower) ? Optional.of(true)
                : FALSE.contains(lower) ? Optional.of(false) : Optional.empty();
        assertEquals(expected, ExtensionCommandLine.parseBoolean(text));
    }
}
