package dev.confext.mount.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link OriginEntry} and {@link FileHandle} write their equality out (for start-up time); it must stay the
 * component-wise equality a record has.
 */
class OriginEntryEqualityTest {
    @Property
    void equals_sameComponents_equalWithEqualHashes(@ForAll("entries") OriginEntry entry) {
        OriginEntry copy = new OriginEntry(entry.path(), entry.verityHash(), entry.onMountId(), entry.fileHandle(),
                entry.inode(), entry.crtimeUsec(), entry.mtimeUsec());
        assertEquals(entry, copy);
        assertEquals(entry.hashCode(), copy.hashCode());
    }

    @Property
    void equals_componentsDiffer_notEqual(@ForAll("entries") OriginEntry a, @ForAll("entries") OriginEntry b) {
        boolean sameComponents = a.path().equals(b.path()) && a.verityHash().equals(b.verityHash())
                && a.onMountId().equals(b.onMountId()) && a.fileHandle().equals(b.fileHandle())
                && a.inode().equals(b.inode()) && a.crtimeUsec().equals(b.crtimeUsec())
                && a.mtimeUsec().equals(b.mtimeUsec());
        assertEquals(sameComponents, a.equals(b));
    }

    @Property
    void equals_oneComponentChanged_notEqual(@ForAll("entries") OriginEntry e) {
        OriginEntry otherTime = new OriginEntry(e.path(), e.verityHash(), e.onMountId(), e.fileHandle(), e.inode(),
                e.crtimeUsec(), OptionalLong.of(e.mtimeUsec().orElse(0) + 1));
        OriginEntry otherHandle = new OriginEntry(e.path(), e.verityHash(), e.onMountId(),
                Optional.of(new FileHandle(e.fileHandle().map(h -> h.type() + 1).orElse(1), "00")), e.inode(),
                e.crtimeUsec(), e.mtimeUsec());
        assertNotEquals(e, otherTime);
        assertNotEquals(e, otherHandle);
        assertNotEquals(e, null);
        assertNotEquals(e, e.path());
    }

    @Provide
    Arbitrary<OriginEntry> entries() {
        return PlanArbitraries.originEntries();
    }
}
