package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated input for the boolean words and the environment switches. */
class DissectEnvironmentPropertiesTest {
    private static final List<String> YES = List.of("1", "yes", "y", "true", "t", "on");
    private static final List<String> NO = List.of("0", "no", "n", "false", "f", "off");
    private static final List<String> VARIABLES = List.of(DissectEnvironment.SIDECAR, DissectEnvironment.EMBEDDED,
            DissectEnvironment.SIGNATURE, DissectEnvironment.USERSPACE, DissectEnvironment.GUESS);

    @Property
    void parseBoolean_anyString_isTrueOnlyForYesWordsAndFalseOnlyForNoWords(@ForAll String word) {
        Optional<Boolean> parsed = DissectEnvironment.parseBoolean(word);
        StringBuilder ascii = new StringBuilder();
        word.chars().forEach(c -> ascii.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
        String lower = ascii.toString();
        assertEquals(YES.contains(lower) ? Optional.of(true) : NO.contains(lower) ? Optional.of(false)
                : Optional.empty(), parsed, word);
    }

    @Provide
    Arbitrary<String> booleanWords() {
        return Arbitraries.of(List.of("1", "yes", "y", "true", "t", "on", "0", "no", "n", "false", "f", "off"))
                .flatMap(w -> Arbitraries.integers().between(0, (1 << w.length()) - 1).map(mask -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < w.length(); i++) {
                        char c = w.charAt(i);
                        b.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
                    }
                    return b.toString();
                }));
    }

    @Property
    void parseBoolean_anyCasing_ofAWord_parses(@ForAll("booleanWords") String word) {
        assertEquals(Optional.of(YES.contains(word.toLowerCase(Locale.ROOT))), DissectEnvironment.parseBoolean(word));
    }

    @Provide
    Arbitrary<Map<String, String>> environments() {
        Arbitrary<String> value = Arbitraries.oneOf(booleanWords(), Arbitraries.strings().ofMaxLength(6));
        return Arbitraries.subsetOf(VARIABLES).flatMap(names -> value.list().ofSize(names.size()).map(values -> {
            Map<String, String> environment = new HashMap<>();
            int i = 0;
            for (String name : names) {
                environment.put(name, values.get(i++));
            }
            return environment;
        }));
    }

    @Property
    void of_anyEnvironment_switchIsOffExactlyWhenItsVariableSaysNo(@ForAll("environments") Map<String, String> env) {
        DissectEnvironment parsed = DissectEnvironment.of(env);
        List<Boolean> switches = List.of(parsed.sidecars(), parsed.embeddedSignature(), parsed.signatureChecks(),
                parsed.userspaceSignatures(), parsed.guessRootHash());
        for (int i = 0; i < VARIABLES.size(); i++) {
            String variable = VARIABLES.get(i);
            String value = env.get(variable);
            boolean expected = value == null ? true
                    : DissectEnvironment.parseBoolean(value).orElse(!variable.equals(DissectEnvironment.USERSPACE));
            assertEquals(expected, switches.get(i), variable + "=" + value);
        }
        assertTrue(DissectEnvironment.of(Map.of()).equals(DissectEnvironment.defaults()));
    }
}
