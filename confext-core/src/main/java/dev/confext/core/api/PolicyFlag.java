package dev.confext.core.api;

import java.util.Optional;

/** The flags of one image-policy rule (spec §8.3): use flags, GPT flag constraints, file systems. */
public enum PolicyFlag {
    VERITY("verity"), SIGNED("signed"), ENCRYPTED("encrypted"),
    ENCRYPTED_WITH_INTEGRITY("encryptedwithintegrity"), UNPROTECTED("unprotected"), UNUSED("unused"),
    ABSENT("absent"),
    READ_ONLY_ON("read-only-on"), READ_ONLY_OFF("read-only-off"), GROWFS_ON("growfs-on"),
    GROWFS_OFF("growfs-off"),
    BTRFS("btrfs"), EROFS("erofs"), EXT4("ext4"), F2FS("f2fs"), SQUASHFS("squashfs"), VFAT("vfat"), XFS("xfs");

    private final String word;

    PolicyFlag(String word) {
        this.word = word;
    }

    /** The word used in policy strings. */
    public String word() {
        return word;
    }

    /** True for the seven use flags ({@code verity} ... {@code absent}). */
    public boolean isUseFlag() {
        return ordinal() <= ABSENT.ordinal();
    }

    /** True for a file system constraint. */
    public boolean isFileSystem() {
        return ordinal() >= BTRFS.ordinal();
    }

    /** The flag for a policy word (not the shortcuts {@code open}/{@code ignore}), if it is one. */
    public static Optional<PolicyFlag> fromWord(String word) {
        for (PolicyFlag f : values()) {
            if (f.word.equals(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
