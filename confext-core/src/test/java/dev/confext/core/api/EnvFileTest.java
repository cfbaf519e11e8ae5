package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §6: every row of the tricky-examples table, plus generated input. */
class EnvFileTest {

    private static Map<String, String> parse(String text) throws EnvFileException {
        return EnvFile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Input uses ⏎ for a newline; the expected value of ID, or "<unset>". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', emptyValue = "", value = {
        "ID=foo|foo",
        "ID=\"foo bar\"|foo bar",
        "ID='foo bar'|foo bar",
        "ID=foo   |foo",
        "ID=   foo|foo",
        "ID=\tfoo\t|foo",
        "  ID  =foo|foo",
        "ID=foo bar|foo bar",
        "ID=\"foo\"'bar'|foobar",
        "ID=\"foo\" \"bar\"|foobar",
        "ID=\"foo\" bar|foobar",
        "ID=foo\"bar\"|foo\"bar\"",
        "ID=\"a\\\"b\\\\c\\$d\\`e\\nf\"|a\"b\\c$d`e\\nf",
        "ID=\"foo\\⏎bar\"|foobar",
        "ID='a\\\"b'|a\\\"b",
        "ID=foo\\ bar\\#x\\\\y|foo bar#x\\y",
        "ID=foo\\⏎bar|foobar",
        "ID=foo\\ |foo ",
        "ID=foo #bar|foo #bar",
        "#ID=bad⏎ID=good|good",
        ";ID=bad⏎ID=good|good",
        "   # ID=bad⏎ID=good|good",
        "# comment \\⏎ID=good|good",
        "ID=first⏎ID=second|second",
        "ID=foo|foo",
        "ID=|",
        "ID=\"\"|",
        "ID=''|",
        "ID=foo\r⏎|foo",
        "garbage⏎ID=foo|foo",
        "ID='a⏎b'|a⏎b",
        "ID=\"foo⏎|foo⏎",
        "export ID=foo|<unset>",
    })
    void parse_specTable(String input, String expectedOrNull) throws EnvFileException {
        String expected = expectedOrNull == null ? "" : expectedOrNull;
        Map<String, String> values = parse(input.replace("⏎", "\n"));
        if (expected.equals("<unset>")) {
            assertFalse(values.containsKey("ID"), values.toString());
        } else {
            assertEquals(expected.replace("⏎", "\n"), values.get("ID"));
        }
    }

    @Test
    void parse_lineStartingWithEquals_keyStartsWithEquals() throws EnvFileException {
        assertEquals(Map.of("=x", "y"), parse("=x=y"));
    }

    @Test
    void parse_exportKeepsWholeKey() throws EnvFileException {
        assertEquals(Map.of("export ID", "foo"), parse("export ID=foo\n"));
        assertEquals(Map.of("I D", "x"), parse("I D=x"));
    }

    @Test
    void parse_invalidUtf8InValue_rejectsWholeFile() {
        byte[] content = {'A', '=', '1', '\n', 'I', 'D', '=', 'f', 'o', 'o', (byte) 0xff, '\n'};
        EnvFileException e = assertThrows(EnvFileException.class, () -> EnvFile.parse(content));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void parse_invalidUtf8InKey_rejectsWholeFile() {
        byte[] content = {(byte) 0xc3, '=', '1'};
        assertThrows(EnvFileException.class, () -> EnvFile.parse(content));
    }

    /**
     * systemd's warning names the line counted after the newline that ended the assignment (a continuation
     * line does not count, a file without a final newline keeps the last line) and shows each invalid byte as
     * U+FFFD:
     * <pre>
     *   1 ID=x
     *   2 A=a\            (continued)
     *   3 b 0xff c 0xc3    (value "ab\uFFFDc\uFFFD")
     * </pre>
     */
    @Test
    void parse_invalidUtf8_warningAsSystemdPrintsIt() {
        byte[] continued = {'I', 'D', '=', 'x', '\n', 'A', '=', 'a', '\\', '\n', 'b', (byte) 0xff, 'c', (byte) 0xc3,
                '\n'};
        EnvFileException value = assertThrows(EnvFileException.class, () -> EnvFile.parse(continued));
        assertEquals(Optional.of("f:3: invalid UTF-8 value for key A: 'ab\uFFFDc\uFFFD', ignoring."),
                value.invalidUtf8Warning("f"));
        byte[] key = {'I', 'D', '=', 'x', '\n', 'F', (byte) 0xe9, 'O', '=', '1'};
        EnvFileException inKey = assertThrows(EnvFileException.class, () -> EnvFile.parse(key));
        assertEquals(Optional.of("f:2: invalid UTF-8 in key 'F\uFFFDO', ignoring."), inKey.invalidUtf8Warning("f"));
        EnvFileException tooLarge = assertThrows(EnvFileException.class,
                () -> EnvFile.parse(new byte[EnvFile.MAX_BYTES + 1]));
        assertEquals(Optional.empty(), tooLarge.invalidUtf8Warning("f"));
    }

    @Test
    void parse_overlongAndNonCharacters_rejected() {
        assertThrows(EnvFileException.class, () -> EnvFile.parse(new byte[] {'A', '=', (byte) 0xc0, (byte) 0x80}));
        assertThrows(EnvFileException.class, () -> EnvFile.parse("A=\uFFFE".getBytes(StandardCharsets.UTF_8)));
        assertThrows(EnvFileException.class, () -> EnvFile.parse("A=\uFDD0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parse_validMultibyte_kept() throws EnvFileException {
        assertEquals("Ünïcödé ✓ 😀", parse("NAME=\"Ünïcödé ✓ 😀\"").get("NAME"));
    }

    @Test
    void parse_nulByte_endsTheContent() throws EnvFileException {
        byte[] content = {'A', '=', '1', '\n', 0, 'B', '=', '2'};
        assertEquals(Map.of("A", "1"), EnvFile.parse(content));
    }

    @Test
    void parse_duplicateKey_keepsFirstPositionLastValue() throws EnvFileException {
        Map<String, String> values = parse("A=1\nB=2\nA=3\n");
        assertEquals(List.of("A", "B"), List.copyOf(values.keySet()));
        assertEquals("3", values.get("A"));
    }

    @Test
    void parse_hugeFile_refusedWithClearError() {
        byte[] content = new byte[EnvFile.MAX_BYTES + 1];
        java.util.Arrays.fill(content, (byte) '#');
        EnvFileException e = assertThrows(EnvFileException.class, () -> EnvFile.parse(content));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void parse_result_isUnmodifiable() throws EnvFileException {
        Map<String, String> values = parse("A=1");
        assertThrows(UnsupportedOperationException.class, () -> values.put("B", "2"));
    }

    @Property(tries = 2000)
    void parse_arbitraryBytes_giveMapOrDocumentedException(@ForAll byte[] content) {
        try {
            Map<String, String> values = EnvFile.parse(content);
            values.forEach((k, v) -> assertFalse(k.isEmpty()));
        } catch (EnvFileException e) {
            assertEquals(Errno.EINVAL, e.errno());
        }
    }

    @Provide
    Arbitrary<String> envText() {
        return Arbitraries.strings().withChars("AB=\"'\\# \t\n\r;xé").ofMaxLength(40);
    }

    @Property(tries = 2000)
    void parse_validUtf8Text_neverFails(@ForAll("envText") String text) throws EnvFileException {
        Map<String, String> values = parse(text);
        for (String key : values.keySet()) {
            // a key never spans lines; '=' ends it unless it is the very first character (as upstream)
            assertFalse(key.contains("\n") || key.contains("\r") || key.indexOf('=', 1) >= 0, key);
        }
    }

    @Property
    void parse_simpleAssignments_roundTrip(@ForAll("keys") String key, @ForAll("plainValues") String value)
            throws EnvFileException {
        assertEquals(value, parse(key + "=\"" + value + "\"\n").get(key));
        assertEquals(value, parse(key + "='" + value + "'").get(key));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> plainValues() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '.', '-', '0', '9').ofMaxLength(20);
    }
}
