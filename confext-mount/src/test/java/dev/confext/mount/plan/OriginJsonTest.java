package dev.confext.mount.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.MutableMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OriginJsonTest {

    /**
     * systemd's pretty JSON (sd_json_variant_format with PRETTY|NEWLINE): a tab per level, a space on both
     * sides of the colon, fields in the order systemd adds them.
     */
    @Test
    void write_directoryImage_systemdLayout() {
        Map<String, OriginEntry> ext = new LinkedHashMap<>();
        ext.put("alpha", OriginEntry.ofInode("/var/lib/confexts/alpha", 2147519467L,
                Optional.of(new FileHandle(248, "00000000FB1D0401")), 12, 1790934805978956L, 0));
        Origin origin = new Origin(MutableMode.NO, Map.of(), Optional.empty(), ext);
        assertEquals("{\n"
                + "\t\"mutable\" : {\n"
                + "\t\t\"mode\" : \"no\"\n"
                + "\t},\n"
                + "\t\"extensions\" : {\n"
                + "\t\t\"alpha\" : {\n"
                + "\t\t\t\"path\" : \"/var/lib/confexts/alpha\",\n"
                + "\t\t\t\"onMountId\" : 2147519467,\n"
                + "\t\t\t\"fileHandle\" : {\n"
                + "\t\t\t\t\"type\" : 248,\n"
                + "\t\t\t\t\"handle\" : \"00000000fb1d0401\"\n"
                + "\t\t\t},\n"
                + "\t\t\t\"crtime\" : 1790934805978956,\n"
                + "\t\t\t\"mtime\" : 0\n"
                + "\t\t}\n"
                + "\t}\n"
                + "}\n", origin.toJson());
    }

    @Test
    void write_mutableVerityAndOptions_systemdLayout() {
        Map<String, String> dirs = new LinkedHashMap<>();
        dirs.put("/usr", "/var/lib/extensions.mutable/usr");
        dirs.put("/opt", "/var/lib/extensions.mutable/opt");
        Map<String, OriginEntry> ext = new LinkedHashMap<>();
        ext.put("q", OriginEntry.ofInode("/var/lib/extensions/q.raw", 7, Optional.empty(), 42, 1, 2));
        ext.put("v", OriginEntry.ofVerity("/var/lib/extensions/v.raw", "ABCDEF0123456789abcdef0123456789"));
        Origin origin = new Origin(MutableMode.YES, dirs, Optional.of("xino=off"), ext);
        assertEquals("{\n"
                + "\t\"mutable\" : {\n"
                + "\t\t\"mode\" : \"yes\",\n"
                + "\t\t\"mutableDirs\" : {\n"
                + "\t\t\t\"/usr\" : \"/var/lib/extensions.mutable/usr\",\n"
                + "\t\t\t\"/opt\" : \"/var/lib/extensions.mutable/opt\"\n"
                + "\t\t}\n"
                + "\t},\n"
                + "\t\"mountOptions\" : \"xino=off\",\n"
                + "\t\"extensions\" : {\n"
                + "\t\t\"q\" : {\n"
                + "\t\t\t\"path\" : \"/var/lib/extensions/q.raw\",\n"
                + "\t\t\t\"onMountId\" : 7,\n"
                + "\t\t\t\"inode\" : 42,\n"
                + "\t\t\t\"crtime\" : 1,\n"
                + "\t\t\t\"mtime\" : 2\n"
                + "\t\t},\n"
                + "\t\t\"v\" : {\n"
                + "\t\t\t\"path\" : \"/var/lib/extensions/v.raw\",\n"
                + "\t\t\t\"verityHash\" : \"abcdef0123456789abcdef0123456789\"\n"
                + "\t\t}\n"
                + "\t}\n"
                + "}\n", origin.toJson());
    }

    @Test
    void write_emptyOverlayOptions_omitted() {
        Origin origin = new Origin(MutableMode.EPHEMERAL, Map.of("/etc", "/run/systemd/sysext/etc"), Optional.of(""), Map.of());
        assertFalse(origin.toJson().contains("mountOptions"));
        assertFalse(origin.toJson().contains("extensions"));
    }

    @Test
    void write_unsigned64_printedUnsigned() {
        Origin origin = new Origin(MutableMode.NO, Map.of(), Optional.empty(),
                Map.of("x", OriginEntry.ofInode("/x", -1L, Optional.empty(), -2L, 0, 0)));
        assertTrue(origin.toJson().contains("\"onMountId\" : 18446744073709551615"), origin.toJson());
        assertTrue(origin.toJson().contains("\"inode\" : 18446744073709551614"), origin.toJson());
    }

    /** What systemd wrote and the conformance case normalised (volatile values put back as numbers). */
    @Test
    void sameDocument_recordedUpstreamOrigin_equalsOurs() throws PlanFormatException {
        String upstream = "{\n\t\"mutable\" : {\n\t\t\"mode\" : \"yes\",\n\t\t\"mutableDirs\" : {\n\t\t\t\"/etc\" : "
                + "\"/var/lib/extensions.mutable/etc\"\n\t\t}\n\t},\n\t\"extensions\" : {\n\t\t\"alpha\" : {\n"
                + "\t\t\t\"path\" : \"/var/lib/confexts/alpha\",\n\t\t\t\"onMountId\" : 2147519467,\n"
                + "\t\t\t\"fileHandle\" : {\n\t\t\t\t\"type\" : 248,\n\t\t\t\t\"handle\" : \"0011\"\n\t\t\t},\n"
                + "\t\t\t\"crtime\" : 5,\n\t\t\t\"mtime\" : 0\n\t\t}\n\t}\n}\n";
        Origin ours = new Origin(MutableMode.YES, Map.of("/etc", "/var/lib/extensions.mutable/etc"), Optional.empty(),
                Map.of("alpha", OriginEntry.ofInode("/var/lib/confexts/alpha", 2147519467L,
                        Optional.of(new FileHandle(248, "0011")), 99, 5, 0)));
        assertTrue(OriginJson.sameDocument(upstream, ours.toJson()));
        assertEquals(upstream, ours.toJson());
        assertEquals(ours, OriginJson.parse(upstream));
    }

    @Test
    void sameDocument_keyOrderAndNumberSpelling_ignored() throws PlanFormatException {
        assertTrue(OriginJson.sameDocument("{\"a\":1,\"b\":[1,2]}", "{ \"b\" : [1, 2], \"a\" : 1.0 }"));
        assertFalse(OriginJson.sameDocument("{\"a\":[1,2]}", "{\"a\":[2,1]}"));
        assertFalse(OriginJson.sameDocument("{\"a\":\"1\"}", "{\"a\":1}"));
    }

    @Test
    void parse_notJson_fails() {
        assertThrows(PlanFormatException.class, () -> OriginJson.parse("{\"mutable\":"));
        assertThrows(PlanFormatException.class, () -> OriginJson.parse("[]"));
        assertThrows(PlanFormatException.class, () -> OriginJson.parse("{\"mutable\":{\"mode\":\"sometimes\"}}"));
    }

    @Provide
    Arbitrary<Origin> origins() {
        return PlanArbitraries.origins();
    }

    @Property(tries = 300)
    void parse_write_roundTrips(@ForAll("origins") Origin origin) throws PlanFormatException {
        // an entry keeps only what systemd writes: with a verity hash nothing else, with a handle no inode
        Origin written = OriginJson.parse(origin.toJson());
        assertEquals(origin.toJson(), written.toJson());
        assertTrue(OriginJson.sameDocument(origin.toJson(), written.toJson()));
    }
}
