package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.mount.kernel.MountAttributes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the overlay is asked for: the lowerdir value and the per-mount flags. */
class OverlayMountTest {
    @Test
    void lowerDirOption_colonAndBackslashInPaths_areEscaped() {
        OverlayMount m = new OverlayMount("confext", List.of(Path.of("/run/systemd/sysext/meta/etc"),
                Path.of("/r/a:b"), Path.of("/r/c\\d")), Optional.empty(), Optional.empty(), true, true, true, true, "");
        assertEquals("/run/systemd/sysext/meta/etc:/r/a\\:b:/r/c\\\\d", m.lowerDirOption());
    }

    @Test
    void attributes_confextReadOnly_areRoNodevNosuidNoexec() {
        OverlayMount m = new OverlayMount("confext", List.of(Path.of("/x")), Optional.empty(), Optional.empty(), true,
                true, true, true, "");
        assertEquals(MountAttributes.RDONLY | MountAttributes.NODEV | MountAttributes.NOSUID | MountAttributes.NOEXEC,
                m.attributes());
    }

    @Test
    void attributes_mutableOptionsWithNoatime_addNoatimeFlag() {
        OverlayMount m = new OverlayMount("sysext", List.of(Path.of("/x")), Optional.of(Path.of("/u")),
                Optional.of(Path.of("/w")), false, true, false, false, "redirect_dir=on,noatime,metacopy=off,index=off");
        assertEquals(MountAttributes.NODEV | MountAttributes.NOATIME, m.attributes());
    }
}
