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
        for (Architecture a : values()) {
            if (a.systemdName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The architecture for a {@code uname -m} machine string, if systemd knows it. */
    public static Optional<Architecture> fromUname(String machine) {
        Architecture a = switch (machine) {
            case "x86_64" -> X86_64;
            case "i386", "i486", "i586", "i686" -> X86;
            case "aarch64" -> ARM64;
            case "aarch64_be" -> ARM64_BE;
            case "armv4l", "armv4tl", "armv5tl", "armv5tel", "armv5tejl", "armv6l", "armv7l", "armv7ml",
                    "armv8l" -> ARM;
            case "armv4b", "armv4tb", "armv5tb", "armv5teb", "armv5tejb", "armv6b", "armv7b", "armv7mb",
                    "armv8b" -> ARM_BE;
            case "ppc64le" -> PPC64_LE;
            case "ppc64" -> PPC64;
            case "ppcle" -> PPC_LE;
            case "ppc" -> PPC;
            case "s390x" -> S390X;
            case "s390" -> S390;
            case "riscv64" -> RISCV64;
            case "riscv32" -> RISCV32;
            case "riscv" -> is64Bit() ? RISCV64 : RISCV32;
            case "loongarch64" -> LOONGARCH64;
            case "mips64" -> MIPS64;
            case "mips" -> MIPS;
            case "parisc64" -> PARISC64;
            case "parisc" -> PARISC;
            case "sparc64" -> SPARC64;
            case "sparc" -> SPARC;
            case "sh5" -> SH64;
            case "sh4a", "sh4", "sh3", "sh2a", "sh2" -> SH;
            case "alpha" -> ALPHA;
            case "arc" -> ARC;
            case "arceb" -> ARC_BE;
            case "crisv32" -> CRIS;
            case "ia64" -> IA64;
            case "m68k" -> M68K;
            case "nios2" -> NIOS2;
            case "tilegx" -> TILEGX;
            default -> null;
        };
        return Optional.ofNullable(a);
    }

    private static boolean is64Bit() {
        return "64".equals(System.getProperty("sun.arch.data.model", "64"));
    }

    /**
     * The running kernel's architecture: the machine {@code uname(2)} reports (through JNA; else
     * {@code /proc/sys/kernel/arch}), mapped with {@link #fromUname}. Not {@code os.arch}. Empty when the
     * machine is unknown to systemd or cannot be read.
     */
    public static Optional<Architecture> host() {
        return HostMachine.ARCHITECTURE;
    }

    /** The secondary architecture vpick also accepts on this native one (x86-64 → x86, ...). */
    public Optional<Architecture> secondary() {
        return Optional.ofNullable(switch (this) {
            case X86_64 -> X86;
            case ARM64 -> ARM;
            case PPC64 -> PPC;
            case PPC64_LE -> PPC_LE;
            case S390X -> S390;
            default -> null;
        });
    }

    @Override
    public String toString() {
        return systemdName;
    }
}
