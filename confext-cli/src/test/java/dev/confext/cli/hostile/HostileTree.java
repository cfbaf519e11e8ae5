package dev.confext.cli.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A root whose interesting names are symlinks aimed outside it, next to a sentinel tree those links reach
 * when followed on the host. Every sentinel file carries {@link #MARKER}; the sentinel os-release and release
 * files say {@code ID=sentinelos}; the decoys a link reaches when resolved inside the root say
 * {@code ID=decoyos}.
 *
 * <pre>
 * base/
 * ├── host-sentinel/                                 (S, outside the root)
 * │   ├── etc/os-release, usr/lib/os-release         ID=sentinelos MARKER
 * │   ├── ext/etc/extension-release.d/extension-release.*   ID=sentinelos MARKER
 * │   ├── confexts/evil/...                          a whole search directory
 * │   ├── release/extension-release.img              ID=sentinelos MARKER
 * │   ├── confext.conf, confext.conf.d/90-evil.conf  [ConfExt] Mutable=import ImagePolicy=root=signed MARKER
 * │   └── side.roothash, side.verity, side.roothash.p7s   the sentinel root hash, MARKER
 * └── root/                                          (R)
 *     ├── etc/os-release -> ../../host-sentinel/etc/os-release   (in R: the decoy below)
 *     ├── host-sentinel/etc/os-release               ID=decoyos
 *     ├── host-sentinel/ext/etc/extension-release.d/extension-release.climb   ID=decoyos VERSION_ID=1
 *     ├── usr/lib/os-release -> S/usr/lib/os-release
 *     ├── etc/systemd/confext.conf -> S/confext.conf
 *     ├── etc/systemd/confext.conf.d/10-abs.conf -> S/confext.conf.d/90-evil.conf
 *     ├── usr/lib/systemd/confext.conf.d -> S/confext.conf.d
 *     ├── etc/verity.d -> S/etc
 *     ├── run/confexts -> ../../host-sentinel/confexts
 *     ├── usr/local/lib/confexts -> /proc/self/root/S/confexts
 *     ├── usr/lib/confexts -> /proc/1/root/S/confexts
 *     └── var/lib/confexts/
 *         ├── abs -> S/ext, procroot -> /proc/self/root/S/ext, proccwd -> /proc/self/cwd,
 *         │   proc1 -> /proc/1/root, procfd -> /proc/self/fd/1, chain0 -> ... -> chain29 -> S/ext
 *         ├── climb -> ../../../host-sentinel/ext     in R: the decoy image, compatible with decoyos
 *         ├── slash -> /                              R itself
 *         ├── outv.v -> S/ext/..; pick.v/pick_1 -> S/ext
 *         ├── img/etc/extension-release.d/extension-release.img -> S/release/extension-release.img
 *         ├── img/etc/motd -> S/ext/etc/MARKER
 *         ├── side.raw (4 KiB of zeros); with linkSidecarsOut(): side.roothash -> S/side.roothash,
 *         │   side.verity -> S/side.verity, side.roothash.p7s -> S/side.roothash.p7s
 *         └── "ctl\u0001" -> S/ext, "bad\xff" -> S/ext
 * </pre>
 */
final class HostileTree {
    static final String MARKER = "SENTINEL-MARKER-7f3a";
    static final String SENTINEL_ID = "sentinelos";
    static final String DECOY_ID = "decoyos";
    static final String SENTINEL_ROOT_HASH = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

    final Path base;
    final Path root;
    final Path sentinel;

    private HostileTree(Path base) {
        this.base = base.toAbsolutePath();
        this.root = this.base.resolve("root");
        this.sentinel = this.base.resolve("host-sentinel");
    }

    /**
     * Adds verity sidecars of {@code side.raw} linked outside:
     * {@code side.roothash -> S/side.roothash}, {@code side.roothash.p7s -> S/side.roothash.p7s},
     * {@code side.verity -> S/side.verity}.
     */
    void linkSidecarsOut() throws IOException {
        String d = "var/lib/confexts/";
        link(d + "side.roothash", s("side.roothash"));
        link(d + "side.roothash.p7s", s("side.roothash.p7s"));
        link(d + "side.verity", s("side.verity"));
    }

    static HostileTree create(Path base) throws IOException, InterruptedException {
        HostileTree t = new HostileTree(base);
        t.build();
        return t;
    }

    String s(String relative) {
        return sentinel.resolve(relative).toString();
    }

    void file(Path under, String relative, String content) throws IOException {
        Path p = under.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    void link(String relative, String target) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
    }

    private void build() throws IOException, InterruptedException {
        String release = "ID=" + SENTINEL_ID + "\nVERSION_ID=66\nSENTINEL=" + MARKER + "\n";
        file(sentinel, "etc/os-release", release);
        file(sentinel, "usr/lib/os-release", release);
        for (String name : List.of("ext", "climb", "abs", "procroot", "chain0", "slash", "pick", "outv", "evil", "img")) {
            file(sentinel, "ext/etc/extension-release.d/extension-release." + name, release);
        }
        file(sentinel, "ext/etc/" + MARKER, MARKER + "\n");
        file(sentinel, "confexts/evil/etc/extension-release.d/extension-release.evil", release);
        file(sentinel, "release/extension-release.img", release);
        String config = "[ConfExt]\nMutable=import\nImagePolicy=root=signed\n# " + MARKER + "\n";
        file(sentinel, "confext.conf", config);
        file(sentinel, "confext.conf.d/90-evil.conf", config);
        file(sentinel, "side.roothash", SENTINEL_ROOT_HASH + "\n");
        file(sentinel, "side.roothash.p7s", MARKER + "\n");
        file(sentinel, "side.verity", MARKER + "\n");

        file(root, "host-sentinel/etc/os-release", "ID=" + DECOY_ID + "\nVERSION_ID=1\n");
        file(root, "host-sentinel/ext/etc/extension-release.d/extension-release.climb", "ID=" + DECOY_ID + "\nVERSION_ID=1\n");
        file(root, "host-sentinel/ext/etc/decoy.conf", "decoy\n");
        link("etc/os-release", "../../host-sentinel/etc/os-release");
        link("usr/lib/os-release", s("usr/lib/os-release"));
        link("etc/systemd/confext.conf", s("confext.conf"));
        link("etc/systemd/confext.conf.d/10-abs.conf", s("confext.conf.d/90-evil.conf"));
        link("usr/lib/systemd/confext.conf.d", s("confext.conf.d"));
        link("etc/verity.d", s("etc"));
        link("run/confexts", "../../host-sentinel/confexts");
        link("usr/local/lib/confexts", "/proc/self/root" + s("confexts"));
        link("usr/lib/confexts", "/proc/1/root" + s("confexts"));
        String d = "var/lib/confexts/";
        link(d + "abs", s("ext"));
        link(d + "procroot", "/proc/self/root" + s("ext"));
        link(d + "proccwd", "/proc/self/cwd");
        link(d + "proc1", "/proc/1/root");
        link(d + "procfd", "/proc/self/fd/1");
        for (int i = 0; i < 29; i++) {
            link(d + "chain" + i, "chain" + (i + 1));
        }
        link(d + "chain29", s("ext"));
        link(d + "climb", "../../../host-sentinel/ext");
        link(d + "slash", "/");
        link(d + "outv.v", s("ext") + "/..");
        link(d + "pick.v/pick_1", s("ext"));
        link(d + "img/etc/extension-release.d/extension-release.img", s("release/extension-release.img"));
        link(d + "img/etc/motd", s("ext/etc/" + MARKER));
        Files.write(root.resolve(d + "side.raw"), new byte[4096]);
        link(d + "ctl\u0001", s("ext"));
        Process ln = new ProcessBuilder("sh", "-c", "ln -s \"$0\" \"bad$(printf '\\377')\"", s("ext"))
                .directory(root.resolve(d).toFile()).redirectErrorStream(true).start();
        String output = new String(ln.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ln.waitFor() != 0) {
            throw new IOException("ln failed: " + output);
        }
    }
}
