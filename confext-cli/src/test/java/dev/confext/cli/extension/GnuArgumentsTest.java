package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GnuArgumentsTest {
    private final GnuArguments gnu = new GnuArguments("confext", ExtensionCommandLine.OPTIONS);
    private static final Set<String> NAMES =
            ExtensionCommandLine.OPTIONS.stream().map(LongOption::spelled).collect(Collectors.toSet());

    @Test
    void normalise_spellsEveryOptionInFull() {
        GnuArguments.Result r = gnu.normalise(new String[] {"--ro", "/x", "list", "--js=short", "-h", "--forc"});
        assertEquals(List.of("--root=/x", "list", "--json=short", "--help", "--force"), r.words());
        assertEquals(Optional.empty(), r.error());
    }

    @Test
    void normalise_error_keepsWordsBeforeIt() {
        GnuArguments.Result r = gnu.normalise(new String[] {"--help", "--bogus", "--force"});
        assertEquals(List.of("--help"), r.words());
        assertEquals(Optional.of("confext: unrecognized option '--bogus'"), r.error());
    }

    @Test
    void normalise_afterDoubleDash_everythingIsOperand() {
        GnuArguments.Result r = gnu.normalise(new String[] {"--", "--bogus", "-x"});
        assertEquals(List.of("--", "--bogus", "-x"), r.words());
        assertEquals(Optional.empty(), r.error());
    }

    @Test
    void normalise_exactNameBeatsLongerOne() {
        // "--no-reload" is also a prefix of nothing else, but "--root" must not be taken for "--root-x".
        GnuArguments.Result r = gnu.normalise(new String[] {"--no-reload"});
        assertEquals(List.of("--no-reload"), r.words());
    }

    @Test
    void normalise_singleDash_isOperand() {
        assertEquals(List.of("-"), gnu.normalise(new String[] {"-"}).words());
    }

    @Provide
    Arbitrary<String[]> commandLines() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(ExtensionCommandLine.OPTIONS).map(LongOption::spelled),
                Arbitraries.of(ExtensionCommandLine.OPTIONS).map(o -> o.spelled().substring(0, 3)),
                Arbitraries.strings().withChars("-=abchnorstx").ofMaxLength(8).map(s -> "--" + s),
                Arbitraries.of("--", "-", "-h", "list", "status"));
        return word.array(String[].class).ofMaxSize(8);
    }

    @Property
    void normalise_anyInput_givesKnownOptionsOperandsOrOneError(@ForAll("commandLines") String[] args) {
        GnuArguments.Result r = gnu.normalise(args);
        boolean operandsOnly = false;
        for (String word : r.words()) {
            if (operandsOnly) {
                continue;
            }
            if (word.equals("--")) {
                operandsOnly = true;
                continue;
            }
            if (word.startsWith("-") && !word.equals("-")) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                if (!NAMES.contains(name)) {
                    throw new AssertionError("unknown option " + word + " from " + List.of(args));
                }
            }
        }
        r.error().ifPresent(message -> {
            if (!message.startsWith("confext: ")) {
                throw new AssertionError(message);
            }
        });
    }
}
