package dev.confext.core.api;

import java.util.Optional;

/**
 * CPU architectures by systemd's names (spec §4.4), as used in {@code ARCHITECTURE=} and in vpick file
 * names.
 */
public enum Architecture {
    ALPHA("alpha"), ARC("arc"), ARC_BE("arc-be"), ARM("arm"), ARM64("arm64"), ARM64_BE("arm64-be"),
    ARM_BE("arm-be"), CRIS("cris"), IA64("ia64"), LOONGARCH64("loongarch64"), M68K("m68k"), MIPS("mips"),
    MIPS64("mips64"), MIPS64_LE("mips64-le"), MIPS_LE("mips-le"), NIOS2("nios2"), PARISC("parisc"),
    PARISC64("parisc64"), PPC("ppc"), PPC64("ppc64"), PPC64_LE("ppc64-le"), PPC_LE("ppc-le"),
    RISCV32("riscv32"), RISCV64("riscv64"), S390("s390"), S390X("s390x"), SH("sh"), SH64("sh64"),
    SPARC("sparc"), SPARC64("sparc64"), TILEGX("tilegx"), X86("x86"), X86_64("x86-64");

    private final String systemdName;

    Architecture(String systemdName) {
        this.systemdName = systemdName;
    }

    /** The name systemd uses, e.g. {@code x86-64}. */
    public String systemdName() {
        return systemdName;
    }

    /** The architecture for a systemd name (case-sensitive), if it is one. */
    public static Optional<Architecture> fromName(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The architecture for a {@code uname -m} machine string, if systemd knows it. */
    public static Optional<Architecture> fromUname(String machine) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The running kernel's architecture, from {@code /proc/sys/kernel/arch} (what {@code uname -m}
     * prints), not from {@code os.arch}.
     *
     * @throws IllegalStateException never for a known Linux machine; an unknown one gives empty
     */
    public static Optional<Architecture> host() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The secondary architecture vpick also accepts on this native one (x86-64 → x86, ...). */
    public Optional<Architecture> secondary() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public String toString() {
        return systemdName;
    }
}
