package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.verity.api.RootHash;
import dev.confext.verity.api.VerityException;
import java.util.HexFormat;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The tolerant sidecar hex reader and the strict {@link RootHash#parseHex}. */
class TolerantHexPropertiesTest {
    @Test
    void decode_examples() {
        assertArrayEquals(new byte[] {0x12, (byte) 0xab}, TolerantHex.decode(" 1 2\tA\nb\r\n"));
        assertArrayEquals(new byte[0], TolerantHex.decode("  \n"));
        assertEquals("odd number of hex digits (3)",
                assertThrows(IllegalArgumentException.class, () -> TolerantHex.decode("abc")).getMessage());
        assertEquals("invalid character 'x' (U+0078) at position 1",
                assertThrows(IllegalArgumentException.class, () -> TolerantHex.decode("0x12")).getMessage());
    }

    @Property(tries = 500)
    void decode_hexWithWhitespaceAnywhere_roundTrips(@ForAll byte[] bytes, @ForAll("whitespace") String gap,
            @ForAll boolean upper) {
        String hex = HexFormat.of().formatHex(bytes);
        if (upper) {
            hex = hex.toUpperCase(Locale.ROOT);
        }
        StringBuilder text = new StringBuilder(gap);
        for (char c : hex.toCharArray()) {
            text.append(c).append(gap);
        }

        assertArrayEquals(bytes, TolerantHex.decode(text.toString()));
    }

    @Property(tries = 1000)
    void decode_anyText_valueOrIllegalArgument(@ForAll String text) {
        try {
            TolerantHex.decode(text);
        } catch (IllegalArgumentException e) {
            assertEquals(true, e.getMessage() != null);
        }
    }

    @Property(tries = 1000)
    void parseHex_anyText_valueOrVerityException(@ForAll String text) {
        try {
            RootHash hash = RootHash.parseHex(text);
            assertEquals(text.toLowerCase(Locale.ROOT), hash.hex());
        } catch (VerityException e) {
            assertEquals(true, e.getMessage() != null);
        }
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\r').ofMaxLength(3);
    }
}
