package dev.confext.mount.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The C escaping of {@code work_dir} (systemd's cescape/cunescape). */
class CEscapeTest {

    @Test
    void escape_specialsAndControlBytes() {
        assertEquals("a\\\\b\\\"c\\'d\\ne\\tf\\001g\\177", CEscape.escape("a\\b\"c'd\ne\tf\u0001g\u007f", false));
    }

    @Test
    void escape_nonAsciiAsOctalUnlessKept() {
        assertEquals("\\303\\251", CEscape.escape("é", false));
        assertEquals("é", CEscape.escape("é", true));
    }

    @Test
    void unescape_workDirExample() {
        assertEquals("var/lib/extensions.mutable/.systemd-etc-workdir",
                CEscape.unescape("var/lib/extensions.mutable/.systemd-etc-workdir"));
        assertEquals("a b\u00e9", CEscape.unescape("a\\x20b\\303\\251"));
    }

    @Test
    void unescape_malformed_fails() {
        assertThrows(IllegalArgumentException.class, () -> CEscape.unescape("abc\\"));
        assertThrows(IllegalArgumentException.class, () -> CEscape.unescape("\\q"));
        assertThrows(IllegalArgumentException.class, () -> CEscape.unescape("\\x4"));
        assertThrows(IllegalArgumentException.class, () -> CEscape.unescape("\\48"));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').withCharRange('\u4e00', '\u4e10').ofMaxLength(30);
    }

    @Property
    void unescape_escape_isIdentity(@ForAll("texts") String s, @ForAll boolean keepUtf8) {
        assertEquals(s, CEscape.unescape(CEscape.escape(s, keepUtf8)));
    }

    @Property
    void escape_isPrintableAscii(@ForAll("texts") String s) {
        String e = CEscape.escape(s, false);
        assertEquals(true, e.chars().allMatch(c -> c >= 0x20 && c < 0x7f), e);
    }

    @Property
    void unescape_arbitraryText_givesTextOrIllegalArgument(@ForAll("junk") String s) {
        try {
            CEscape.unescape(s);
        } catch (IllegalArgumentException expected) {
            // documented failure
        }
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("\\x0123456789abcdefnrtvq\"'?é").ofMaxLength(12);
    }
}
