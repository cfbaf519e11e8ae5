package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec §4.4. */
class ArchitectureTest {
    @Test
    void fromUname_table() {
        assertEquals(Optional.of(Architecture.X86_64), Architecture.fromUname("x86_64"));
        assertEquals(Optional.of(Architecture.X86), Architecture.fromUname("i686"));
        assertEquals(Optional.of(Architecture.ARM64), Architecture.fromUname("aarch64"));
        assertEquals(Optional.of(Architecture.ARM), Architecture.fromUname("armv7l"));
        assertEquals(Optional.of(Architecture.ARM_BE), Architecture.fromUname("armv7b"));
        assertEquals(Optional.of(Architecture.PPC64_LE), Architecture.fromUname("ppc64le"));
        assertEquals(Optional.of(Architecture.SH64), Architecture.fromUname("sh5"));
        assertEquals(Optional.of(Architecture.ARC_BE), Architecture.fromUname("arceb"));
        assertEquals(Optional.of(Architecture.CRIS), Architecture.fromUname("crisv32"));
        assertEquals(Optional.empty(), Architecture.fromUname("x86-64"));
    }

    @Test
    void fromName_everyName_roundTrips() {
        for (Architecture a : Architecture.values()) {
            assertEquals(Optional.of(a), Architecture.fromName(a.systemdName()));
        }
        assertEquals(33, Architecture.values().length);
        assertEquals(Optional.empty(), Architecture.fromName("X86-64"));
        assertEquals(Optional.empty(), Architecture.fromName("_any"));
    }

    @Test
    void secondary_table() {
        assertEquals(Optional.of(Architecture.X86), Architecture.X86_64.secondary());
        assertEquals(Optional.of(Architecture.ARM), Architecture.ARM64.secondary());
        assertEquals(Optional.of(Architecture.PPC), Architecture.PPC64.secondary());
        assertEquals(Optional.of(Architecture.PPC_LE), Architecture.PPC64_LE.secondary());
        assertEquals(Optional.of(Architecture.S390), Architecture.S390X.secondary());
        assertEquals(Optional.empty(), Architecture.RISCV64.secondary());
    }

    @Test
    void host_followsKernelMachine() throws Exception {
        String machine = Files.readString(Path.of("/proc/sys/kernel/arch")).strip();
        assertEquals(Architecture.fromUname(machine), Architecture.host());
    }
}
