package dev.confext.core.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.TestEnvironment;
import dev.confext.core.api.FileIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The origin-document facts against {@code stat(1)} as the oracle, and the behaviours the refresh-skip
 * check relies on (same inode → same identity; replace-by-rename → different identity).
 */
class LinuxFilesTest {
    @TempDir
    Path temp;

    /** Runs {@code stat -c FORMAT path} (symlinks followed) and returns its output line. */
    private static String stat(String format, Path path) throws Exception {
        Process p = new ProcessBuilder("stat", "-L", "-c", format, path.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void identity_matchesStatAndHasHandleAndMountId() throws Exception {
        TestEnvironment.requireNative();
        TestEnvironment.requireTool("stat");
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        FileIdentity id = LinuxFiles.identity(file);
        assertEquals(Long.parseLong(stat("%i", file)), id.inode());
        assertEquals(stat("%Hd:%Ld", file), LinuxFiles.major(id.device()) + ":" + LinuxFiles.minor(id.device()));
        assertTrue(id.mountId() > 0, "mount id " + id.mountId());
        assertTrue(id.handleHex().isPresent(), "ext4/tmpfs/xfs/btrfs all give handles");
        assertTrue(id.handleHex().get().matches("[0-9a-f]+"), id.handleHex().get());
        assertEquals(id, LinuxFiles.identity(file), "stable");
    }

    @Test
    void identity_followsSymlinksAndSharesHardLinks() throws Exception {
        TestEnvironment.requireNative();
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        Path link = Files.createSymbolicLink(temp.resolve("link.raw"), file);
        Path hard = Files.createLink(temp.resolve("hard.raw"), file);
        assertEquals(LinuxFiles.identity(file), LinuxFiles.identity(link));
        assertEquals(LinuxFiles.identity(file), LinuxFiles.identity(hard));
    }

    @Test
    void identity_changesOnReplaceByRename() throws Exception {
        TestEnvironment.requireNative();
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        FileIdentity before = LinuxFiles.identity(file);
        Path next = Files.writeString(temp.resolve("a.raw.new"), "image");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileIdentity after = LinuxFiles.identity(file);
        assertNotEquals(before.inode(), after.inode());
        assertNotEquals(before.handleHex(), after.handleHex());
        assertEquals(before.mountId(), after.mountId());
    }

    @Test
    void identity_differsAcrossMounts() throws Exception {
        TestEnvironment.requireNative();
        long here = LinuxFiles.identity(temp).mountId();
        long proc = LinuxFiles.identity(Path.of("/proc/self/status")).mountId();
        assertNotEquals(here, proc);
        assertEquals(here, LinuxFiles.mountIdNoFollow(temp).orElseThrow());
    }

    @Test
    void identity_missingFile_isNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> LinuxFiles.identity(temp.resolve("nope")));
        assertThrows(NoSuchFileException.class, () -> LinuxFiles.identity(Optional.empty(), temp.resolve("nope")));
    }

    @Test
    void identity_withoutNative_hasInodeButNoHandle() throws Exception {
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        FileIdentity id = LinuxFiles.identity(Optional.empty(), file);
        assertEquals(((Number) Files.getAttribute(file, "unix:ino")).longValue(), id.inode());
        assertEquals(-1, id.mountId());
        assertTrue(id.handleHex().isEmpty());
        if (LinuxSyscalls.get().isPresent()) {
            FileIdentity full = LinuxFiles.identity(file);
            assertEquals(full.inode(), id.inode());
            assertEquals(full.device(), id.device());
        }
    }

    @Test
    void crtime_isStatxBirthTimeInMicroseconds() throws Exception {
        TestEnvironment.requireNative();
        TestEnvironment.requireTool("stat");
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        long birthSeconds = Long.parseLong(stat("%W", file));
        TestEnvironment.require(birthSeconds > 0, "a file system that records birth times");
        long crtime = LinuxFiles.crtimeUsec(file);
        assertEquals(birthSeconds, crtime / 1_000_000);
        String exact = stat("%w", file); // e.g. 2026-11-29 18:40:11.123456789 +0000
        String fraction = exact.substring(exact.indexOf('.') + 1, exact.indexOf('.') + 7);
        assertEquals(Long.parseLong(fraction), crtime % 1_000_000);
    }

    @Test
    void crtime_olderXattrWins() throws Exception {
        TestEnvironment.requireNative();
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        long birth = LinuxFiles.crtimeUsec(file);
        TestEnvironment.require(birth > 0, "a file system that records birth times");
        requireUserXattrs(file);
        setCrtimeXattr(file, 1_000_000L);
        assertEquals(1_000_000L, LinuxFiles.crtimeUsec(file));
        setCrtimeXattr(file, birth + 5_000_000L);
        assertEquals(birth, LinuxFiles.crtimeUsec(file), "birth time is older");
        setCrtimeXattr(file, 0);
        assertEquals(birth, LinuxFiles.crtimeUsec(file), "zero is ignored");
        setCrtimeXattr(file, -1);
        assertEquals(birth, LinuxFiles.crtimeUsec(file), "all-ones is ignored");
        view(file).write("crtime_usec", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(birth, LinuxFiles.crtimeUsec(file), "a value that is not 8 bytes is ignored");
    }

    @Test
    void crtime_withoutNative_usesXattr() throws Exception {
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        requireUserXattrs(file);
        setCrtimeXattr(file, 1_234_567L);
        assertEquals(1_234_567L, LinuxFiles.crtimeUsec(Optional.empty(), file));
    }

    @Test
    void mtime_isStatMtimeInMicroseconds() throws Exception {
        TestEnvironment.requireTool("stat");
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS));
        assertEquals(1_700_000_000_123_456L, LinuxFiles.mtimeUsec(file));
        assertEquals(Long.parseLong(stat("%Y", file)), LinuxFiles.mtimeUsec(file) / 1_000_000);
        assertEquals(LinuxFiles.mtimeUsec(file), LinuxFiles.mtimeUsec(Optional.empty(), file));
    }

    @Test
    void isMountPoint_agreesWithMountpointCommand() throws Exception {
        TestEnvironment.requireTool("mountpoint");
        for (Path p : new Path[] {Path.of("/"), Path.of("/proc"), Path.of("/sys"), Path.of("/dev"), temp,
                Path.of("/proc/self"), Path.of("/usr")}) {
            if (!Files.exists(p)) {
                continue;
            }
            Process proc = new ProcessBuilder("mountpoint", "-q", p.toString()).start();
            assertTrue(proc.waitFor(10, TimeUnit.SECONDS));
            boolean expected = proc.exitValue() == 0;
            assertEquals(expected, LinuxFiles.isMountPoint(p), p.toString());
        }
        assertTrue(LinuxFiles.isMountPoint(Optional.empty(), Path.of("/proc")));
        assertFalse(LinuxFiles.isMountPoint(Optional.empty(), temp));
    }

    @Test
    void device_matchesStat() throws Exception {
        TestEnvironment.requireTool("stat");
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        assertEquals(stat("%Hd:%Ld", file), LinuxFiles.device(file));
        assertEquals(stat("%Hd:%Ld", file), LinuxFiles.device(Optional.empty(), file));
        assertEquals(stat("%Hd:%Ld", Path.of("/proc/self/status")), LinuxFiles.device(Path.of("/proc/self/status")));
    }

    @Test
    void readUserXattr_readsWhatWasWrittenAndEmptyWhenUnset() throws Exception {
        Path file = Files.writeString(temp.resolve("a.raw"), "image");
        requireUserXattrs(file);
        view(file).write("verity.roothash", ByteBuffer.wrap("abc123".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("abc123", new String(LinuxFiles.readUserXattr(file, "user.verity.roothash").orElseThrow(),
                StandardCharsets.US_ASCII));
        assertEquals("abc123", new String(LinuxFiles.readUserXattr(Optional.empty(), file, "user.verity.roothash")
                .orElseThrow(), StandardCharsets.US_ASCII));
        assertTrue(LinuxFiles.readUserXattr(file, "user.nothing").isEmpty());
        assertTrue(LinuxFiles.readUserXattr(Optional.empty(), file, "user.nothing").isEmpty());
    }

    @Property(tries = 200)
    void deviceEncoding_roundTrips(@ForAll int major, @ForAll int minor) {
        long dev = LinuxFiles.encodeDevice(major, minor);
        assertEquals(Integer.toUnsignedLong(major), LinuxFiles.major(dev));
        assertEquals(Integer.toUnsignedLong(minor), LinuxFiles.minor(dev));
    }

    private static UserDefinedFileAttributeView view(Path file) {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }

    private static void setCrtimeXattr(Path file, long usec) throws IOException {
        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(usec).flip();
        view(file).write("crtime_usec", le);
    }

    private static void requireUserXattrs(Path file) {
        boolean ok;
        try {
            view(file).write("probe", ByteBuffer.wrap(new byte[] {1}));
            view(file).delete("probe");
            ok = true;
        } catch (IOException | RuntimeException e) {
            ok = false;
        }
        TestEnvironment.require(ok, "user extended attributes on " + file.getParent());
    }
}
