package dev.confext.mount.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading an overlay's lower directories back from mountinfo super options. */
class PlannerLowerDirsTest {

    @Test
    void lowerDirs_legacyColonList() {
        assertEquals(List.of("/run/systemd/sysext/meta/etc", "/run/systemd/sysext/confexts/a/etc", "/r/etc"),
                Planner.lowerDirs("ro,lowerdir=/run/systemd/sysext/meta/etc:/run/systemd/sysext/confexts/a/etc:/r/etc,redirect_dir=on"));
    }

    @Test
    void lowerDirs_legacyWithEscapedSeparators() {
        // the path "/r/a,b:c" given as "/r/a\,b\:c", shown by the kernel with \134 for '\' and \054 for ','
        assertEquals(List.of("/m", "/r/a,b:c"), Planner.lowerDirs("rw,lowerdir=/m:/r/a\\134\\054b\\134:c,upperdir=/u"));
    }

    @Test
    void lowerDirs_appendedOneByOne() {
        assertEquals(List.of("/m", "/x y", "/r/etc"),
                Planner.lowerDirs("ro,lowerdir+=/m,lowerdir+=/x\\040y,lowerdir+=/r/etc,redirect_dir=on"));
    }
}
