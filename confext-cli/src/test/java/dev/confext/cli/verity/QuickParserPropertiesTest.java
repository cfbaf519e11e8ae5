package dev.confext.cli.verity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The quick parser reads every command line it accepts exactly as picocli (the reference) does. */
class QuickParserPropertiesTest {
    private static final List<String> NAMES = List.of("-h", "--hash", "--format", "--data-block-size",
            "--hash-block-size", "-s", "--salt", "--uuid", "--hash-offset", "--data-blocks", "--root-hash-file",
            "--threads", "--fec-device", "--fec-roots", "--fec-offset", "--no-superblock", "-v", "--verbose", "--help", "--bogus", "-x", "--", "-vh");
    private static final List<String> VALUES = List.of("sha1", "4096", "512", "0", "-", "", "-1", "1e3", "0x10",
            "+5", "abc", "deadbeef", "99999999999999999999", "12", "format", "verify", "data", "hash", "=", "--salt");

    @Provide
    Arbitrary<String[]> commandLines() {
        Arbitrary<String> option = Arbitraries.of(NAMES);
        Arbitrary<String> value = Arbitraries.of(VALUES);
        Arbitrary<String> joined = Arbitraries.of(NAMES).flatMap(n -> Arbitraries.of(VALUES).map(v -> n + "=" + v));
        Arbitrary<String> token = Arbitraries.oneOf(option, value, joined);
        return token.list().ofMaxSize(8).map(l -> l.toArray(String[]::new));
    }

    @Property(tries = 2000)
    void parse_accepted_sameAsPicocli(@ForAll("commandLines") String[] args) {
        Optional<VerityOptions> quick = QuickParser.parse(args);
        if (quick.isEmpty()) {
            return;
        }
        VerityOptions reference = new VerityOptions();
        try {
            VerityCommand.picocli(reference).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("quick parser accepted what picocli rejects: " + Arrays.toString(args), e);
        }
        assertSame(reference, quick.get(), Arrays.toString(args));
    }

    @Test
    void parse_usualFormatCommand_accepted() {
        String[] args = {"format", "d", "h", "--salt=-", "--hash", "sha1", "-s", "ab", "--data-blocks=7", "--no-superblock",
                "--threads=1", "-v"};
        VerityOptions o = QuickParser.parse(args).orElseThrow();
        assertEquals(List.of("format", "d", "h"), o.arguments);
        assertEquals("ab", o.salt);
        assertEquals("sha1", o.hash);
        assertEquals(7, o.dataBlocks);
        assertTrue(o.noSuperblock && o.verbose);
    }

    @Test
    void parse_helpOrUnknown_leftToPicocli() {
        assertTrue(QuickParser.parse(new String[] {"--help"}).isEmpty());
        assertTrue(QuickParser.parse(new String[] {"format", "--bogus"}).isEmpty());
        assertTrue(QuickParser.parse(new String[] {"format", "--data-block-size=abc"}).isEmpty());
    }

    private static void assertSame(VerityOptions expected, VerityOptions actual, String where) {
        assertEquals(expected.arguments, actual.arguments, where);
        assertEquals(expected.hash, actual.hash, where);
        assertEquals(expected.format, actual.format, where);
        assertEquals(expected.dataBlockSize, actual.dataBlockSize, where);
        assertEquals(expected.hashBlockSize, actual.hashBlockSize, where);
        assertEquals(expected.salt, actual.salt, where);
        assertEquals(expected.uuid, actual.uuid, where);
        assertEquals(expected.noSuperblock, actual.noSuperblock, where);
        assertEquals(expected.hashOffset, actual.hashOffset, where);
        assertEquals(expected.dataBlocks, actual.dataBlocks, where);
        assertEquals(expected.rootHashFile, actual.rootHashFile, where);
        assertEquals(expected.threads, actual.threads, where);
        assertEquals(expected.fecDevice, actual.fecDevice, where);
        assertEquals(expected.fecRoots, actual.fecRoots, where);
        assertEquals(expected.fecOffset, actual.fecOffset, where);
        assertEquals(expected.verbose, actual.verbose, where);
        assertEquals(expected.help, actual.help, where);
        assertEquals(expected.version, actual.version, where);
    }
}
