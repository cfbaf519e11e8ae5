package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.cli.extension.ExtensionOptions.JsonMode;
import dev.confext.cli.output.SystemdTimestamp;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.DiscoveryException;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.FileIdentity;
import dev.confext.core.api.ImageType;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.verity.api.DissectEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list} over fake discovery results; the real scanner is exercised by {@code ListVerbRootTest}. */
class ListVerbTest {
    private static final Root ROOT = Root.of(Path.of("/srv/root"));
    private static final long T = 1_700_000_000_000_000L;

    static DiscoveredImage image(String name, ImageType type, String path, long crtime, long mtime) {
        return new DiscoveredImage(name, type, new ResolvedPath(ROOT, path, true), path, crtime, mtime, false,
                new FileIdentity(0, 0, -1, 0, Optional.empty()));
    }

    static ExtensionOptions options(JsonMode json, boolean legend, boolean explain) {
        return new ExtensionOptions(ExtensionKind.CONFEXT, ROOT, true, json, legend, false, true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), explain, false, Map.of());
    }

    private static Captured run(ImageSource source, ExtensionOptions options) {
        Captured c = new Captured();
        ListVerb verb = new ListVerb(source, Optional.empty(), SystemdTimestamp.in(ZoneId.of("UTC")));
        c.status = verb.run(options, c.out, c.err);
        return c;
    }

    /** Deliberately out of order: list sorts by name. */
    private static final ImageSource THREE = options -> List.of(
            image("zeta", ImageType.RAW, "/var/lib/confexts/zeta.raw", T - 5, T),
            image("alpha", ImageType.DIRECTORY, "/var/lib/confexts/alpha", T, 0),
            image("Mid", ImageType.DIRECTORY, "/run/confexts/Mid", 0, 0));

    @Test
    void run_table_sortedByNameBytewise() {
        Captured c = run(THREE, options(JsonMode.OFF, true, false));
        assertEquals(0, c.status);
        assertEquals(""
                + "NAME  TYPE      PATH                                TIME\n"
                + "Mid   directory /srv/root/run/confexts/Mid          -\n"
                + "alpha directory /srv/root/var/lib/confexts/alpha    Tue 2023-11-14 22:13:20 UTC\n"
                + "zeta  raw       /srv/root/var/lib/confexts/zeta.raw Tue 2023-11-14 22:13:20 UTC\n", c.out());
        assertEquals("", c.err());
    }

    @Test
    void run_tableNoLegend_rowsOnly() {
        Captured c = run(THREE, options(JsonMode.OFF, false, false));
        assertEquals(3, c.out().lines().count());
        assertEquals("Mid   directory /srv/root/run/confexts/Mid          -", c.out().lines().findFirst().get());
    }

    @Test
    void run_jsonShort_exactSystemdFields() {
        Captured c = run(THREE, options(JsonMode.SHORT, true, false));
        assertEquals(0, c.status);
        assertEquals("[{\"name\":\"Mid\",\"type\":\"directory\",\"path\":\"/srv/root/run/confexts/Mid\",\"time\":0},"
                + "{\"name\":\"alpha\",\"type\":\"directory\",\"path\":\"/srv/root/var/lib/confexts/alpha\",\"time\":" + T + "},"
                + "{\"name\":\"zeta\",\"type\":\"raw\",\"path\":\"/srv/root/var/lib/confexts/zeta.raw\",\"time\":" + T + "}]\n",
                c.out());
    }

    @Test
    void run_jsonPretty_systemdLayout() {
        ImageSource one = options -> List.of(image("a", ImageType.DIRECTORY, "/run/confexts/a", T, 0));
        Captured c = run(one, options(JsonMode.PRETTY, true, false));
        assertEquals("[\n\t{\n\t\t\"name\" : \"a\",\n\t\t\"type\" : \"directory\",\n"
                + "\t\t\"path\" : \"/srv/root/run/confexts/a\",\n\t\t\"time\" : " + T + "\n\t}\n]\n", c.out());
    }

    @Test
    void run_noImagesTable_infoMessageExitZero() {
        Captured c = run(options -> List.of(), options(JsonMode.OFF, true, false));
        assertEquals(0, c.status);
        assertEquals("", c.out());
        assertEquals("No OS extensions found.\n", c.err());
    }

    @Test
    void run_noImagesJson_emptyArrayNoMessage() {
        Captured c = run(options -> List.of(), options(JsonMode.SHORT, true, false));
        assertEquals(0, c.status);
        assertEquals("[]\n", c.out());
        assertEquals("", c.err());
    }

    @Test
    void run_discoveryFails_messageAndExitOne() {
        ImageSource loop = options -> {
            throw new DiscoveryException(Errno.ELOOP, null);
        };
        Captured c = run(loop, options(JsonMode.SHORT, true, false));
        assertEquals(1, c.status);
        assertEquals("", c.out());
        assertEquals("Failed to discover images: Too many levels of symbolic links\n", c.err());
    }

    @Test
    void run_explainRawWithoutReader_saysWhatItIsAndThatItNeedsAMount(@TempDir Path dir) throws IOException {
        Root root = Root.of(dir);
        byte[] erofs = new byte[4096];
        ByteBuffer.wrap(erofs).order(ByteOrder.LITTLE_ENDIAN).putInt(1024, 0xE0F5E1E2);
        Files.createDirectories(dir.resolve("run/confexts"));
        Files.write(dir.resolve("run/confexts/r.raw"), erofs);
        Files.write(dir.resolve("run/confexts/junk.raw"), new byte[4096]);
        ImageSource raws = options -> List.of(
                image(root, "r", ImageType.RAW, "/run/confexts/r.raw"),
                image(root, "junk", ImageType.RAW, "/run/confexts/junk.raw"));
        Captured c = run(raws, options(JsonMode.SHORT, true, true));
        assertEquals(0, c.status, c.err());
        assertEquals("[{\"name\":\"junk\",\"type\":\"raw\",\"path\":\"" + dir + "/run/confexts/junk.raw\",\"time\":" + T + ","
                + "\"compatible\":false,\"reason\":\"no partition table and no file system that systemd mounts:"
                + " merge fails on it (Package not installed)\"},"
                + "{\"name\":\"r\",\"type\":\"raw\",\"path\":\"" + dir + "/run/confexts/r.raw\",\"time\":" + T + ","
                + "\"compatible\":null,\"reason\":\"an erofs file system; its extension-release file is inside the"
                + " image, and reading it needs the image mounted, which list does not do\"}]\n", c.out());
    }

    /**
     * <pre>
     * root/
     * ├── usr/lib/os-release   ID=debian
     * └── run/confexts/r.raw   (never opened: the fake reader stands in for the mount)
     * </pre>
     */
    @Test
    void run_explainRawWithReader_readsUnderTheCallersDissectionSwitches(@TempDir Path dir) throws IOException {
        Root root = Root.of(dir);
        Files.createDirectories(dir.resolve("usr/lib"));
        Files.writeString(dir.resolve("usr/lib/os-release"), "ID=debian\n");
        List<DissectEnvironment> seen = new ArrayList<>();
        DiskImageReleaseReader reader = (image, kind, environment) -> {
            seen.add(environment);
            return Optional.empty();
        };
        ImageSource raw = options -> List.of(image(root, "r", ImageType.RAW, "/run/confexts/r.raw"));
        ExtensionOptions explain = new ExtensionOptions(ExtensionKind.CONFEXT, root, true, JsonMode.SHORT, true,
                false, true, false, Optional.empty(), Optional.empty(), Optional.empty(), true, false,
                Map.of(DissectEnvironment.SIDECAR, "0", DissectEnvironment.GUESS, "no"));
        Captured c = new Captured();
        int status = new ListVerb(raw, Optional.of(reader), SystemdTimestamp.in(ZoneId.of("UTC"))).run(explain, c.out,
                c.err);
        assertEquals(0, status, c.err());
        assertEquals(List.of(new DissectEnvironment(false, true, true, true, false)), seen);
    }

    private static DiscoveredImage image(Root root, String name, ImageType type, String path) {
        return new DiscoveredImage(name, type, new ResolvedPath(root, path, true), path, 0, T, false,
                new FileIdentity(0, 0, -1, 0, Optional.empty()));
    }

    @Test
    void run_explainMstack_saysUnsupported() {
        ImageSource mstack = options -> List.of(image("m", ImageType.MSTACK, "/run/confexts/m.mstack", 0, 0));
        Captured c = run(mstack, options(JsonMode.OFF, true, true));
        assertEquals("NAME TYPE   PATH                            TIME COMPATIBLE REASON\n"
                + "m    mstack /srv/root/run/confexts/m.mstack -    no         mstack images are not supported:"
                + " merge fails on them (Operation not supported)\n", c.out());
    }
}
