package dev.confext.mount.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MountInfoTest {

    /** The example of proc(5). */
    @Test
    void parseLine_procManExample() throws MountInfoException {
        MountEntry e = MountInfo.parseLine(
                "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue", 1);
        assertEquals(36, e.mountId());
        assertEquals(35, e.parentId());
        assertEquals(98, e.major());
        assertEquals(0, e.minor());
        assertEquals("/mnt1", e.root());
        assertEquals("/mnt2", e.mountPoint());
        assertEquals(List.of("rw", "noatime"), e.mountOptions());
        assertEquals(List.of("master:1"), e.optionalFields());
        assertEquals("ext3", e.fsType());
        assertEquals("/dev/root", e.source());
        assertEquals("rw,errors=continue", e.superOptions());
    }

    /** A merged confext as the conformance cases recorded it, with a space in the root path. */
    @Test
    void parseLine_overlayWithEscapedSpace() throws MountInfoException {
        MountEntry e = MountInfo.parseLine("512 30 0:77 / /tmp/my\\040root/etc ro,nosuid,nodev,noexec,relatime shared:300 "
                + "- overlay confext ro,lowerdir=/run/systemd/sysext/meta/etc:/tmp/my\\040root/etc,redirect_dir=on", 7);
        assertEquals("/tmp/my root/etc", e.mountPoint());
        assertTrue(e.readOnly());
        assertEquals("confext", e.source());
        assertEquals("ro,lowerdir=/run/systemd/sysext/meta/etc:/tmp/my\\040root/etc,redirect_dir=on", e.superOptions());
        assertEquals(List.of("ro", "lowerdir=/run/systemd/sysext/meta/etc:/tmp/my root/etc", "redirect_dir=on"),
                MountInfo.splitOptions(e.superOptions()));
    }

    @Test
    void splitOptions_escapedCommaStaysInValue() throws MountInfoException {
        assertEquals(List.of("rw", "lowerdir+=/a,b", "lowerdir+=/c"), MountInfo.splitOptions("rw,lowerdir+=/a\\054b,lowerdir+=/c"));
    }

    @Test
    void parseLine_noOptionalFields() throws MountInfoException {
        MountEntry e = MountInfo.parseLine("1 0 8:1 / / rw - ext4 /dev/sda1 rw", 1);
        assertEquals(List.of(), e.optionalFields());
    }

    @Test
    void parseLine_missingSeparator_fails() {
        MountInfoException e = assertThrows(MountInfoException.class,
                () -> MountInfo.parseLine("1 0 8:1 / / rw shared:1 ext4 /dev/sda1 rw", 3));
        assertTrue(e.getMessage().startsWith("mountinfo line 3 is malformed"), e.getMessage());
    }

    @Test
    void parseLine_badEscape_fails() {
        assertThrows(MountInfoException.class, () -> MountInfo.parseLine("1 0 8:1 / /a\\09 rw - ext4 x rw", 1));
        assertThrows(MountInfoException.class, () -> MountInfo.parseLine("1 0 8:1 / /a\\04 rw - ext4 x rw", 1));
    }

    @Test
    void parse_realMountTable_parses() throws MountInfoException {
        List<MountEntry> entries = MountInfo.readSelf();
        assertTrue(entries.stream().anyMatch(e -> e.mountPoint().equals("/")), "the root is mounted");
    }

    @Provide
    Arbitrary<MountEntry> entries() {
        Arbitrary<String> path = Arbitraries.strings().withCharRange('!', '~').withChars(' ', '\t', '\n', '\\', 'é', '丁')
                .ofMinLength(1).ofMaxLength(20).map(s -> "/" + s);
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars(':', '=', '.').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> source = Arbitraries.strings().withCharRange('!', '~').withChars(' ', '\\').ofMinLength(1).ofMaxLength(10)
                .filter(s -> !s.equals("-"));
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.integers().between(0, 4095), Arbitraries.integers().between(0, 1 << 20), path, path,
                word.list().ofMinSize(1).ofMaxSize(4), word.filter(w -> !w.equals("-")).list().ofMaxSize(3))
                .flatAs((id, parent, major, minor, root, mp, opts, optional) -> Combinators.combine(word, source, word)
                        .as((type, src, sopts) -> new MountEntry(id, parent, major, minor, root, mp, opts, optional, type,
                                src, sopts)));
    }

    @Provide
    Arbitrary<List<MountEntry>> entryLists() {
        return entries().list().ofMaxSize(5);
    }

    static String format(MountEntry e) {
        StringBuilder s = new StringBuilder();
        s.append(Long.toUnsignedString(e.mountId())).append(' ').append(e.parentId()).append(' ').append(e.major()).append(':')
                .append(e.minor()).append(' ').append(MountInfo.escape(e.root())).append(' ')
                .append(MountInfo.escape(e.mountPoint())).append(' ').append(String.join(",", e.mountOptions()));
        for (String f : e.optionalFields()) {
            s.append(' ').append(f);
        }
        s.append(" - ").append(MountInfo.escape(e.fsType())).append(' ').append(MountInfo.escape(e.source())).append(' ')
                .append(e.superOptions());
        return s.toString();
    }

    @Property(tries = 500)
    void parse_formatted_roundTrips(@ForAll("entryLists") List<MountEntry> entries) throws MountInfoException {
        StringBuilder text = new StringBuilder();
        for (MountEntry e : entries) {
            text.append(format(e)).append('\n');
        }
        assertEquals(entries, MountInfo.parse(text.toString()));
    }

    @Property(tries = 1000)
    void parse_arbitraryText_givesEntriesOrMountInfoException(@ForAll("lines") String text) {
        try {
            MountInfo.parse(text);
        } catch (MountInfoException expected) {
            // documented failure
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> mutated = entries().map(MountInfoTest::format)
                .flatMap(s -> Arbitraries.integers().between(0, s.length() - 1)
                        .flatMap(i -> Arbitraries.of(' ', '\\', '-', ':', '0', 'x').map(c -> s.substring(0, i) + c + s.substring(i + 1))));
        return Arbitraries.oneOf(mutated, Arbitraries.strings().withChars(" -:\\0123456789ab/\n").ofMaxLength(60));
    }

    @Property
    void unescape_escape_isIdentity(@ForAll String s) throws MountInfoException {
        String clean = s.codePoints().filter(c -> c < 0xd800 || c > 0xdfff)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertEquals(clean, MountInfo.unescape(MountInfo.escape(clean), 1));
    }
}
