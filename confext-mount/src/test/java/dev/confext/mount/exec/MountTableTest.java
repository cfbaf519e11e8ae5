package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mountinfo field unescaping and the sub-mount selection. */
class MountTableTest {
    @Test
    void unescape_octalSpaceTabNewlineBackslash_areDecoded() {
        assertEquals("/a b\tc\nd\\e", MountTable.unescape("/a\\040b\\011c\\012d\\134e"));
    }

    @Test
    void unescape_backslashNotFollowedByThreeOctalDigits_isKept() {
        assertEquals("/a\\9x\\", MountTable.unescape("/a\\9x\\"));
    }

    @Property(tries = 500)
    void unescape_ofEscapedText_givesTheText(@ForAll String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                escaped.append(String.format("\\%03o", (int) c));
            } else {
                escaped.append(c);
            }
        }
        assertEquals(text, MountTable.unescape(escaped.toString()));
    }

    @Property(tries = 500)
    void unescape_arbitraryText_neverThrows(@ForAll String text) {
        MountTable.unescape(text);
    }

    @Test
    void topMountsBelow_nestedMounts_onlyTheTopMostOnes() throws Exception {
        // /r/etc            (the hierarchy)
        // /r/etc/a          top-most
        // /r/etc/a/b        nested in /r/etc/a: carried along with it
        // /r/etc2           not below /r/etc
        // /r/etc/c          top-most
        MountTable table = MountTableTest.of("/r/etc", "/r/etc/a", "/r/etc/a/b", "/r/etc2", "/r/etc/c");
        assertEquals(List.of(Path.of("/r/etc/a"), Path.of("/r/etc/c")), table.topMountsBelow(Path.of("/r/etc")));
    }

    @Test
    void topMountsBelow_throughSymlinkedRoot_spelledBelowTheGivenPath(@TempDir Path temp) throws Exception {
        // TEMP/r/etc        the hierarchy (mountinfo lists real paths)
        // TEMP/r/etc/a      mounted below it
        // TEMP/link -> r    the root as the user gave it
        Files.createDirectories(temp.resolve("r/etc/a"));
        Files.createSymbolicLink(temp.resolve("link"), Path.of("r"));
        Path real = temp.toRealPath().resolve("r/etc");
        MountTable table = MountTableTest.of(real.toString(), real.resolve("a").toString());
        assertEquals(List.of(temp.resolve("link/etc/a")), table.topMountsBelow(temp.resolve("link/etc")));
        assertTrue(table.isMountPoint(temp.resolve("link/etc")));
    }

    static MountTable of(String... points) throws Exception {
        var constructor = MountTable.class.getDeclaredConstructor(List.class, List.class);
        constructor.setAccessible(true);
        return constructor.newInstance(List.of(points), List.of());
    }
}
