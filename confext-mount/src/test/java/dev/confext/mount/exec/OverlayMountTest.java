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

    @Test
    void failureMessage_readOnlySysext_namesFlagsAndOptionsAsSystemd() {
        OverlayMount m = new OverlayMount("sysext", List.of(Path.of("/run/systemd/sysext/meta/opt")), Optional.empty(),
                Optional.empty(), true, true, false, false, "");
        assertEquals("Failed to mount sysext (type overlay) on /run/systemd/sysext/overlay/opt (MS_RDONLY|MS_NODEV "
                + "\"lowerdir=/run/systemd/sysext/meta/opt\"): Invalid argument",
                m.failureMessage(Path.of("/run/systemd/sysext/overlay/opt"), "Invalid argument"));
    }

    @Test
    void mountFlagNames_mutableConfext_inSystemdOrder() {
        OverlayMount m = new OverlayMount("confext", List.of(Path.of("/x")), Optional.of(Path.of("/u")),
                Optional.of(Path.of("/w")), false, true, true, true, "redirect_dir=on,noatime,metacopy=off,index=off");
        assertEquals("MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_NOATIME", m.mountFlagNames());
    }
}
