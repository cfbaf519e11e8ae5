package dev.confext.core.api;

import java.util.Optional;

/** The partitions an image policy can name (spec §8.3). */
public enum PartitionDesignator {
    ROOT("root"), USR("usr"), HOME("home"), SRV("srv"), ESP("esp"), XBOOTLDR("xbootldr"), SWAP("swap"),
    ROOT_VERITY("root-verity"), ROOT_VERITY_SIG("root-verity-sig"), USR_VERITY("usr-verity"),
    USR_VERITY_SIG("usr-verity-sig"), TMP("tmp"), VAR("var");

    private final String word;

    PartitionDesignator(String word) {
        this.word = word;
    }

    /** The word used in policy strings. */
    public String word() {
        return word;
    }

    /** The designator for a policy word, if it is one. */
    public static Optional<PartitionDesignator> fromWord(String word) {
        for (PartitionDesignator d : values()) {
            if (d.word.equals(word)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** For a verity or signature partition, the data partition it protects. */
    public Optional<PartitionDesignator> dataPartition() {
        return switch (this) {
            case ROOT_VERITY, ROOT_VERITY_SIG -> Optional.of(ROOT);
            case USR_VERITY, USR_VERITY_SIG -> Optional.of(USR);
            default -> Optional.empty();
        };
    }
}
