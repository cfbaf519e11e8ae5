package dev.confext.verity.api;

import java.util.Optional;

/** What a partition is for, from its GPT type UUID (Discoverable Partitions Specification). */
public enum PartitionDesignator {
    ROOT("root"),
    USR("usr"),
    ROOT_VERITY("root-verity"),
    USR_VERITY("usr-verity"),
    ROOT_VERITY_SIG("root-verity-sig"),
    USR_VERITY_SIG("usr-verity-sig"),
    ESP("esp"),
    XBOOTLDR("xbootldr"),
    SWAP("swap"),
    HOME("home"),
    SRV("srv"),
    VAR("var"),
    TMP("tmp"),
    USER_HOME("user-home"),
    LINUX_GENERIC("linux-generic");

    private final String text;

    PartitionDesignator(String text) {
        this.text = text;
    }

    /** systemd's name, e.g. {@code root-verity-sig}. */
    public String text() {
        return text;
    }

    /** True for the per-architecture designators (root, usr and their verity and signature partitions). */
    public boolean isArchitectureSpecific() {
        return ordinal() <= USR_VERITY_SIG.ordinal();
    }

    /** The verity partition that protects this data partition (root and usr only). */
    public Optional<PartitionDesignator> verity() {
        return switch (this) {
            case ROOT -> Optional.of(ROOT_VERITY);
            case USR -> Optional.of(USR_VERITY);
            default -> Optional.empty();
        };
    }

    /** The signature partition for this data partition (root and usr only). */
    public Optional<PartitionDesignator> signature() {
        return switch (this) {
            case ROOT -> Optional.of(ROOT_VERITY_SIG);
            case USR -> Optional.of(USR_VERITY_SIG);
            default -> Optional.empty();
        };
    }

    /** The name systemd prints. */
    @Override
    public String toString() {
        return text;
    }
}
