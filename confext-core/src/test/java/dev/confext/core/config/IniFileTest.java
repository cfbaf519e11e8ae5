package dev.confext.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IniFileTest {
    private final List<IniFile.Assignment> assignments = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private void parse(String text) throws IniParseException {
        IniFile.parse("/f.conf", text.getBytes(StandardCharsets.UTF_8), Set.of("S"), assignments::add, warnings::add);
    }

    private List<String> pairs() {
        return assignments.stream().map(a -> a.key() + "=" + a.value() + "@" + a.line()).toList();
    }

    /**
     * A continued line keeps its raw text and the backslash becomes a space, as systemd does; a comment
     * inside a continuation is dropped; the assignment is reported at its last line.
     */
    @Test
    void parse_commentsWhitespaceAndContinuation() throws Exception {
        parse("# c\n; c\n[S]\n  Key  =  value with  spaces  \r\nLong=a \\\n# skipped\n  b\nEmpty=\n");
        assertEquals(List.of("Key=value with  spaces@4", "Long=a    b@7", "Empty=@8"), pairs());
        assertEquals(List.of(), warnings);
    }

    @Test
    void parse_lineEndingsAndByteOrderMark() throws Exception {
        IniFile.parse("/f.conf", "\uFEFF[S]\rA=1\u0000B=2\r\nC=3".getBytes(StandardCharsets.UTF_8), Set.of("S"),
                assignments::add, warnings::add);
        assertEquals(List.of("A=1@2", "B=2@3", "C=3@4"), pairs());
    }

    @Test
    void parse_missingEqualsOrKey_warnOnly() throws Exception {
        parse("[S]\nno equals sign\n=value\nA=1\n[]\nB=2\n");
        assertEquals(List.of("A=1@4"), pairs());
        assertEquals(List.of("/f.conf:2: Missing '=', ignoring line.",
                "/f.conf:3: Missing key name before '=', ignoring line.",
                "/f.conf:5: Unknown section ''. Ignoring."), warnings);
    }

    @Test
    void parse_unknownSectionAndOutsideAssignments_warn() throws Exception {
        parse("A=1\n[T]\nB=2\n[X-Vendor]\nC=3\n[S]\nD=4\n");
        assertEquals(List.of("D=4@7"), pairs());
        assertEquals(List.of("/f.conf:1: Assignment outside of section. Ignoring.",
                "/f.conf:2: Unknown section 'T'. Ignoring."), warnings);
    }

    @Test
    void parse_hardErrors() {
        assertThrows(IniParseException.class, () -> parse("[S\n"));
        assertThrows(IniParseException.class, () -> parse("[S\"]\n"));
        assertThrows(IniParseException.class,
                () -> IniFile.parse("/f", new byte[] {(byte) 0xff}, Set.of("S"), a -> { }, w -> { }));
    }

    @Provide
    Arbitrary<String> iniText() {
        return Arbitraries.strings().withChars("[]S=#;\\ \t\r\nabXé-").ofMaxLength(60);
    }

    @Property(tries = 2000)
    void parse_anyText_assignmentsOrParseException(@ForAll("iniText") String text) {
        try {
            parse(text);
            assignments.forEach(a -> assertEquals("S", a.section()));
            warnings.forEach(w -> assertTrue(w.startsWith("/f.conf:")));
        } catch (IniParseException e) {
            assertTrue(e.getMessage().startsWith("/f.conf"));
        } finally {
            assignments.clear();
            warnings.clear();
        }
    }

    @Property(tries = 500)
    void parse_anyBytes_neverRuntimeException(@ForAll byte[] content) {
        try {
            IniFile.parse("/f", content, Set.of("S"), a -> { }, w -> { });
        } catch (IniParseException e) {
            assertTrue(!e.getMessage().isEmpty());
        }
    }
}
