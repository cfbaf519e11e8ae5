package dev.confext.mount.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mount-table queries by path, also through a symlink to the mounted tree (a {@code --root} given as a link). */
class MountTableTest {
    @TempDir
    Path temp;

    /**
     * <pre>
     *   TEMP/r/etc          mounted (the table lists the real path)
     *   TEMP/r/etc/sub      mounted below it
     *   TEMP/link -> r
     * </pre>
     */
    private MountTable linkedTree() throws Exception {
        Files.createDirectories(temp.resolve("r/etc/sub"));
        Files.createSymbolicLink(temp.resolve("link"), Path.of("r"));
        Path real = temp.toRealPath().resolve("r/etc");
        return new MountTable(List.of(entry(1, real.toString()), entry(2, real.resolve("sub").toString())));
    }

    @Test
    void isMountPoint_throughSymlinkedParent_findsTheRealMountPoint() throws Exception {
        MountTable table = linkedTree();
        assertTrue(table.isMountPoint(temp.resolve("link/etc")));
        assertTrue(table.isMountPoint(temp.resolve("r/etc")));
        assertFalse(table.isMountPoint(temp.resolve("link")));
    }

    @Test
    void at_throughSymlinkedParent_givesTheStack() throws Exception {
        assertEquals(1, linkedTree().at(temp.resolve("link/etc")).size());
    }

    @Test
    void below_throughSymlinkedParent_spelledBelowTheGivenPath() throws Exception {
        assertEquals(List.of(temp.resolve("link/etc/sub").toString()), linkedTree().below(temp.resolve("link/etc")));
    }

    @Test
    void isMountPoint_missingPath_comparedAsGiven() throws Exception {
        MountTable table = new MountTable(List.of(entry(1, "/nonexistent/r/etc")));
        assertTrue(table.isMountPoint(Path.of("/nonexistent/r/etc")));
        assertFalse(table.isMountPoint(Path.of("/nonexistent/r")));
    }

    private static MountEntry entry(int id, String mountPoint) throws MountInfoException {
        return MountInfo.parseLine(id + " 1 0:" + (40 + id) + " / " + mountPoint.replace(" ", "\\040")
                + " ro,relatime shared:1 - overlay confext ro,lowerdir=/a:/b", 1);
    }
}
