package dev.confext.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A root whose every interesting name is a symlink aimed outside it, next to a sentinel tree the links
 * reach when they are followed with host semantics. Nothing from the sentinel may ever be reported or read:
 * every sentinel file carries {@link #MARKER} and the ID {@link #SENTINEL_ID}. Where a link, resolved
 * inside the root, lands on something that exists, that something is a decoy carrying {@link #DECOY_ID},
 * so a test can tell "resolved in the root" from "resolved on the host".
 *
 * <pre>
 * base/
 * ├── host-sentinel/                       (S: outside the root; never read)
 * │   ├── etc/os-release                   ID=sentinelos MARKER
 * │   ├── usr/lib/os-release               ID=sentinelos MARKER
 * │   ├── ext/etc/extension-release.d/extension-release.{ext,climb,abs,...}   ID=sentinelos MARKER
 * │   ├── confexts/evil/...                a whole search directory with an image "evil"
 * │   ├── release/extension-release.img{,2,3}   ID=sentinelos MARKER
 * │   ├── pick.v/pick_9/...                a versioned directory
 * │   ├── confext.conf, confext.conf.d/90-evil.conf   [ConfExt] Mutable=import ImagePolicy=root=signed
 * │   └── etc/verity.d/sentinel.crt        (written by the verity test)
 * └── root/                                (R)
 *     ├── etc/os-release -> ../../host-sentinel/etc/os-release      (in R: R/host-sentinel/etc/os-release = decoy)
 *     ├── usr/lib/os-release -> S/usr/lib/os-release (absolute)      (in R: missing)
 *     ├── host-sentinel/etc/os-release                               ID=decoyos (the decoy)
 *     ├── host-sentinel/ext/etc/extension-release.d/extension-release.climb   ID=decoyos
 *     ├── etc/systemd/confext.conf -> S/confext.conf
 *     ├── run/systemd/confext.conf -> ../../../host-sentinel/confext.conf     (in R: missing)
 *     ├── etc/systemd/confext.conf.d/10-abs.conf -> S/confext.conf.d/90-evil.conf
 *     ├── usr/lib/systemd/confext.conf.d -> S/confext.conf.d (whole drop-in dir)
 *     ├── etc/verity.d/abs.crt -> S/etc/verity.d/sentinel.crt
 *     ├── run/verity.d -> S/etc/verity.d (whole dir)
 *     ├── usr/lib/verity.d/climb.crt -> ../../../../../host-sentinel/etc/verity.d/sentinel.crt
 *     ├── run/confexts -> ../../host-sentinel/confexts                (whole search dir; in R: missing)
 *     ├── usr/local/lib/confexts -> /proc/self/root + S/confexts       (in R: missing)
 *     ├── usr/lib/confexts -> /proc/1/root + S/confexts                (in R: missing)
 *     └── var/lib/confexts/                                            (real directory of hostile entries)
 *         ├── abs -> S/ext                               missing in R
 *         ├── climb -> ../../../host-sentinel/ext        in R: R/host-sentinel/ext (decoy image "climb")
 *         ├── deepclimb -> ../../../../../../../../host-sentinel/ext   clamps: the same decoy
 *         ├── procroot -> /proc/self/root + S/ext        missing in R
 *         ├── proccwd -> /proc/self/cwd                  missing in R
 *         ├── proc1 -> /proc/1/root                      missing in R
 *         ├── procfd -> /proc/self/fd/0                  missing in R
 *         ├── slash -> /                                 R itself (a directory image "slash")
 *         ├── inner -> ../inner-hop, var/lib/inner-hop -> ../../../host-sentinel/ext/etc/..   in R: the decoy
 *         ├── chain0 -> chain1 -> ... -> chain29 -> S/ext                missing in R
 *         ├── outv.v -> S/pick.v                          missing in R
 *         ├── pick.v/pick_1 -> S/ext, pick_2 -> ../../../../../host-sentinel/ext (in R: missing)
 *         ├── img/etc/extension-release.d/extension-release.img -> S/release/extension-release.img
 *         ├── img2/etc/extension-release.d -> S/release
 *         ├── img3/etc/extension-release.d/extension-release.img3 -> ../../../../../../release/extension-release.img3
 *         ├── side.raw (regular file), side.roothash -> S/side.roothash, side.verity -> S/side.verity
 *         ├── "ctl\u0001" -> S/ext, "nl\nname" -> S/ext, "bad\xff" -> S/ext (invalid UTF-8, made by ln)
 *         └── dev -> /dev/null
 * </pre>
 */
public final class HostileRoot {
    /** Appears in every sentinel file and nowhere else. */
    public static final String MARKER = "SENTINEL-MARKER-7f3a";
    /** The ID of the sentinel os-release and release files. */
    public static final String SENTINEL_ID = "sentinelos";
    /** The ID of the decoys inside the root. */
    public static final String DECOY_ID = "decoyos";
    /** The root hash in the sentinel sidecar. */
    public static final String SENTINEL_ROOT_HASH = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

    private final Path base;
    private final Path root;
    private final Path sentinel;

    private HostileRoot(Path base) {
        this.base = base;
        this.root = base.resolve("root");
        this.sentinel = base.resolve("host-sentinel");
    }

    /** Builds the trees below {@code base}. */
    public static HostileRoot create(Path base) throws IOException, InterruptedException {
        HostileRoot h = new HostileRoot(base.toAbsolutePath());
        h.build();
        return h;
    }

    /** The root to hand to the code under test. */
    public Path root() {
        return root;
    }

    /** The sentinel directory outside the root. */
    public Path sentinel() {
        return sentinel;
    }

    /** The directory holding both. */
    public Path base() {
        return base;
    }

    /** Host paths the links aim at, as absolute text. */
    public String s(String relative) {
        return sentinel.resolve(relative).toString();
    }

    /** True when {@code hostPath} is the root or lies below it (textually, after normalising). */
    public boolean isInsideRoot(Path hostPath) {
        Path n = hostPath.toAbsolutePath().normalize();
        return n.startsWith(root);
    }

    private void build() throws IOException, InterruptedException {
        Tree s = new Tree(sentinel);
        String sentinelRelease = "ID=" + SENTINEL_ID + "\nVERSION_ID=66\nSENTINEL=" + MARKER + "\nCONFEXT_SCOPE=system\n";
        s.file("etc/os-release", sentinelRelease);
        s.file("usr/lib/os-release", sentinelRelease);
        for (String name : List.of("ext", "climb", "deepclimb", "abs", "procroot", "inner", "chain0", "slash", "pick",
                "outv", "evil", "img", "img2", "img3")) {
            s.file("ext/etc/extension-release.d/extension-release." + name, sentinelRelease);
        }
        s.file("ext/etc/" + MARKER, MARKER + "\n");
        s.file("confexts/evil/etc/extension-release.d/extension-release.evil", sentinelRelease);
        s.file("confexts/evil.raw", MARKER + "\n");
        s.file("pick.v/pick_9/etc/extension-release.d/extension-release.pick", sentinelRelease);
        s.file("outv.v/outv_9/etc/extension-release.d/extension-release.outv", sentinelRelease);
        for (String name : List.of("img", "img2", "img3", "x")) {
            s.file("release/extension-release." + name, sentinelRelease);
        }
        String evilConfig = "[ConfExt]\nMutable=import\nImagePolicy=root=signed\n# " + MARKER + "\n";
        s.file("confext.conf", evilConfig);
        s.file("confext.conf.d/90-evil.conf", evilConfig);
        s.file("side.roothash", SENTINEL_ROOT_HASH + "\n");
        s.file("side.verity", MARKER + "\n");

        Tree r = new Tree(root);
        String decoy = "ID=" + DECOY_ID + "\nVERSION_ID=1\n";
        r.symlink("etc/os-release", "../../host-sentinel/etc/os-release");
        r.symlink("usr/lib/os-release", s("usr/lib/os-release"));
        r.file("host-sentinel/etc/os-release", decoy);
        r.file("host-sentinel/ext/etc/extension-release.d/extension-release.climb", decoy);
        r.file("host-sentinel/ext/etc/extension-release.d/extension-release.deepclimb", decoy);

        r.symlink("etc/systemd/confext.conf", s("confext.conf"));
        r.symlink("run/systemd/confext.conf", "../../../host-sentinel/confext.conf");
        r.symlink("etc/systemd/confext.conf.d/10-abs.conf", s("confext.conf.d/90-evil.conf"));
        r.symlink("usr/lib/systemd/confext.conf.d", s("confext.conf.d"));

        r.symlink("etc/verity.d/abs.crt", s("etc/verity.d/sentinel.crt"));
        r.symlink("run/verity.d", s("etc/verity.d"));
        r.symlink("usr/lib/verity.d/climb.crt", "../../../../../host-sentinel/etc/verity.d/sentinel.crt");

        r.symlink("run/confexts", "../../host-sentinel/confexts");
        r.symlink("usr/local/lib/confexts", "/proc/self/root" + s("confexts"));
        r.symlink("usr/lib/confexts", "/proc/1/root" + s("confexts"));

        String d = "var/lib/confexts/";
        r.dir(d);
        r.symlink(d + "abs", s("ext"));
        r.symlink(d + "climb", "../../../host-sentinel/ext");
        r.symlink(d + "deepclimb", "../../../../../../../../host-sentinel/ext");
        r.symlink(d + "procroot", "/proc/self/root" + s("ext"));
        r.symlink(d + "proccwd", "/proc/self/cwd");
        r.symlink(d + "proc1", "/proc/1/root");
        r.symlink(d + "procfd", "/proc/self/fd/0");
        r.symlink(d + "slash", "/");
        r.symlink(d + "inner", "../inner-hop");
        r.symlink("var/lib/inner-hop", "../../../host-sentinel/ext/etc/..");
        for (int i = 0; i < 29; i++) {
            r.symlink(d + "chain" + i, "chain" + (i + 1));
        }
        r.symlink(d + "chain29", s("ext"));
        r.symlink(d + "outv.v", s("outv.v"));
        r.symlink(d + "pick.v/pick_1", s("pick.v/pick_9"));
        r.symlink(d + "pick.v/pick_2", "../../../../../host-sentinel/pick.v/pick_9");
        r.symlink(d + "img/etc/extension-release.d/extension-release.img", s("release/extension-release.img"));
        r.symlink(d + "img2/etc/extension-release.d", s("release"));
        r.symlink(d + "img3/etc/extension-release.d/extension-release.img3",
                "../../../../../../release/extension-release.img3");
        r.file(d + "side.raw", new byte[4096]);
        r.symlink(d + "side.roothash", s("side.roothash"));
        r.symlink(d + "side.verity", s("side.verity"));
        r.symlink(d + "ctl\u0001", s("ext"));
        r.symlink(d + "nl\nname", s("ext"));
        r.symlink(d + "dev", "/dev/null");
        Commands.run(root.resolve(d), "sh", "-c", "ln -s \"$0\" \"bad$(printf '\\377')\"", s("ext"));
    }
}
