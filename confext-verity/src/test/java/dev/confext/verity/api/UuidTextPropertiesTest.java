package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code --uuid} text as libuuid's parser takes it (8-4-4-4-12 hex digits, either case, nothing else),
 * and the random UUIDs drawn when none is given.
 */
class UuidTextPropertiesTest {
    private static final String FORM = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Property
    void uuid_anyText_acceptedExactlyInLibuuidForm(@ForAll("uuidLike") String text) {
        boolean wellFormed = text.matches(FORM);
        if (wellFormed) {
            assertEquals(UUID.fromString(text), VerityParameters.builder().uuid(text).build().uuid());
        } else {
            assertThrows(IllegalArgumentException.class, () -> VerityParameters.builder().uuid(text));
        }
    }

    @Property(tries = 200)
    void build_withoutUuid_drawsVersion4Rfc4122(@ForAll("nothing") String ignored) {
        UUID uuid = VerityParameters.builder().salt(new byte[0]).build().uuid();
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
    }

    @Provide
    Arbitrary<String> uuidLike() {
        Arbitrary<String> valid = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(32)
                .map(h -> h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                        + h.substring(16, 20) + "-" + h.substring(20));
        Arbitrary<String> mutated = valid.flatMap(s -> Arbitraries.integers().between(0, s.length() - 1)
                .flatMap(at -> Arbitraries.of('g', 'G', '-', ' ', '0', 'f', '\uff10', '\u0660', 'z', '{')
                        .map(c -> s.substring(0, at) + c + s.substring(at + 1))));
        Arbitrary<String> resized = valid.flatMap(s -> Arbitraries.integers().between(0, s.length())
                .map(n -> s.substring(0, n)));
        Arbitrary<String> wrapped = valid.map(s -> "{" + s + "}");
        return Arbitraries.oneOf(valid, mutated, resized, wrapped, Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> nothing() {
        return Arbitraries.just("");
    }
}
