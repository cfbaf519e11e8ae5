package dev.confext.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.Root;
import dev.confext.core.testing.Tree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spec §2.5 on an x86-64 host. Each scenario is one {@code .v} directory of regular files:
 * <pre>
 *   /foo.raw.v/
 *     foo_...raw    (the entries of the table row)
 * </pre>
 */
class VersionPickerTest {
    private static final VersionPicker RAW_X86_64 =
            new VersionPicker("foo", ".raw", Set.of(Inode.REGULAR, Inode.BLOCK), Optional.of(Architecture.X86_64));

    @TempDir
    Path temp;

    private Optional<String> pick(String... entries) throws Exception {
        Tree tree = new Tree(temp);
        for (String e : entries) {
            tree.file("/foo.raw.v/" + e, e);
        }
        Root root = Root.of(temp);
        return RAW_X86_64.pick(root, root.resolve("/foo.raw.v")).map(p -> p.target().fileName());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "foo_1.0.raw foo_1.1_arm64.raw foo_1.1_x86.raw foo_1.1_x86-64.raw foo_1.2+0-3.raw|foo_1.1_x86-64.raw",
        "foo_2+1.raw foo_2+3.raw foo_2.raw|foo_2.raw",
        "foo_2+3-1.raw foo_2+3-0.raw|foo_2+3-0.raw",
        "foo_1.0.raw foo_1.00.raw|foo_1.00.raw",
        "foo_1.0_rc1.raw foo_1.0.raw|foo_1.0_rc1.raw",
        "foo_.raw foo.raw bar_1.raw|<none>",
        "foo_1+08.raw|<none>",
        "foo_1.2+0.raw|foo_1.2+0.raw",
        "foo_1.1_x86.raw foo_1.0.raw|foo_1.1_x86.raw",
        "foo_3,1.raw foo_4+x.raw|<none>",
    })
    void pick_workedExamples(String entries, String expected) throws Exception {
        Optional<String> chosen = pick(entries.split(" "));
        assertEquals(expected.equals("<none>") ? Optional.empty() : Optional.of(expected), chosen);
    }

    /** A tries suffix that does not parse stays in the version, whose '+' then makes the entry no candidate. */
    @Test
    void parse_octalAndInvalidCounters() {
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_1+08.raw"));
        VersionPicker.Parsed octal = RAW_X86_64.parse("foo_1+010-07.raw").orElseThrow();
        assertEquals(8, octal.triesLeft());
        assertEquals(7, octal.triesDone());
        assertEquals("1", octal.version());
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_1+99999999999.raw"));
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_1+3-.raw"));
    }

    @Test
    void parse_lastUnderscoreAlwaysCut() {
        assertEquals("1", RAW_X86_64.parse("foo_1_9.raw").orElseThrow().version());
        assertEquals("1", RAW_X86_64.parse("foo_1_10.raw").orElseThrow().version());
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_1_arm64.raw"));
        assertEquals(1, RAW_X86_64.parse("foo_1_x86.raw").orElseThrow().archRank());
        assertEquals(2, RAW_X86_64.parse("foo_1_rc.raw").orElseThrow().archRank());
    }

    @Test
    void parse_invalidVersionCharacters_skipped() {
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_2,rc1.raw"));
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_@1.raw"));
        assertEquals(Optional.empty(), RAW_X86_64.parse("foo_1.img"));
    }

    @Test
    void pick_underscoreQuirk_filenameDecides() throws Exception {
        assertEquals(Optional.of("foo_1_9.raw"), pick("foo_1_9.raw", "foo_1_10.raw"));
    }

    @Test
    void pick_wrongTypeCandidate_skipped() throws Exception {
        new Tree(temp).dir("/foo.raw.v/foo_9.raw");
        assertEquals(Optional.of("foo_1.raw"), pick("foo_1.raw"));
    }

    @Test
    void pick_danglingCandidate_failsWholePick() throws Exception {
        new Tree(temp).symlink("/foo.raw.v/foo_0.raw", "/nonexistent");
        ResolveException e = assertThrows(ResolveException.class, () -> pick("foo_1.raw"));
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void pick_symlinkedCandidate_reportsResolvedTargetAndComparesItsName() throws Exception {
        // same version "1"; by entry name foo_1.raw would win, by resolved name zzz.raw wins (v260)
        new Tree(temp).file("/store/zzz.raw", "x").symlink("/foo.raw.v/foo_01.raw", "/store/zzz.raw")
                .file("/foo.raw.v/foo_1.raw", "y");
        Root root = Root.of(temp);
        VersionPicker.Pick pick = RAW_X86_64.pick(root, root.resolve("/foo.raw.v")).orElseThrow();
        assertEquals("/store/zzz.raw", pick.target().path());
    }

    @Property
    void parseUnsigned_matchesStrtoulBaseZero(@ForAll("digits") String digits) {
        long value = VersionPicker.parseUnsigned(digits);
        boolean octal = digits.length() > 1 && digits.startsWith("0");
        if (octal && digits.chars().anyMatch(c -> c == '8' || c == '9')) {
            assertEquals(-1, value);
            return;
        }
        java.math.BigInteger expected = new java.math.BigInteger(digits, octal ? 8 : 10);
        if (expected.compareTo(java.math.BigInteger.valueOf(0xFFFF_FFFFL)) > 0) {
            assertEquals(-1, value);
        } else {
            assertEquals(expected.longValueExact(), value);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> digits() {
        return net.jqwik.api.Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    }

    /**
     * Versions are checked as systemd 262 checks version specifications: {@code ~} and {@code ^} are allowed (and
     * order as in version comparison), a comma or an unparsable {@code +} suffix makes the entry no candidate.
     * <pre>
     *   /foo.raw.v/foo_1.0a.raw  foo_2~rc1.raw  foo_1.0^post.raw  foo_3,1.raw  foo_4+x.raw
     * </pre>
     */
    @Test
    void pick_versionCharacters_followUpstreamVersionSpecifications() throws Exception {
        assertEquals(Optional.of("foo_2~rc1.raw"),
                pick("foo_1.0a.raw", "foo_2~rc1.raw", "foo_1.0^post.raw", "foo_3,1.raw", "foo_4+x.raw"));
    }

    @Property
    void parse_anyEntryName_neverThrows(@ForAll String entry) {
        RAW_X86_64.parse(entry).ifPresent(p -> assertTrue(VersionPicker.isValidVersion(p.version())));
    }
}
