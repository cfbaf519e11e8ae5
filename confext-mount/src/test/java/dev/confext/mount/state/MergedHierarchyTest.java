package dev.confext.mount.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Device numbers as the {@code dev} metadata file records them. */
class MergedHierarchyTest {

    @Test
    void parseDevice_knownLinuxEncodings() {
        assertEquals(Optional.of(2049L), MergedHierarchy.parseDevice("8:1\n"));
        assertEquals(Optional.of(66304L), MergedHierarchy.parseDevice("259:0"));
        assertEquals(Optional.of(77L), MergedHierarchy.parseDevice("0:77"));
        assertEquals(Optional.of(0x0000_1000_0010_0000L | 0x100), MergedHierarchy.parseDevice("4097:256").map(d -> d));
    }

    @Test
    void parseDevice_malformed_empty() {
        assertEquals(Optional.empty(), MergedHierarchy.parseDevice("8"));
        assertEquals(Optional.empty(), MergedHierarchy.parseDevice(":1"));
        assertEquals(Optional.empty(), MergedHierarchy.parseDevice("8:"));
        assertEquals(Optional.empty(), MergedHierarchy.parseDevice("a:b"));
        assertEquals(Optional.empty(), MergedHierarchy.parseDevice("-1:2"));
        assertEquals(Optional.empty(), MergedHierarchy.parseDevice("4294967296:0"));
    }

    @Property
    void parseDevice_majorMinorOfMakeDevice_roundTrips(@ForAll @LongRange(min = 0, max = 0xffffffffL) long major,
            @ForAll @LongRange(min = 0, max = 0xffffffffL) long minor) {
        long dev = MergedHierarchy.makeDevice(major, minor);
        long maj = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
        long min = (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
        assertEquals(major, maj);
        assertEquals(minor, min);
        assertEquals(Optional.of(dev), MergedHierarchy.parseDevice(major + ":" + minor));
    }

    @Property
    void parseDevice_arbitraryText_neverThrows(@ForAll String text) {
        MergedHierarchy.parseDevice(text);
    }
}
