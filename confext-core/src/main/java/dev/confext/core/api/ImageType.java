package dev.confext.core.api;

/** What an extension image is, as {@code list} shows it. */
public enum ImageType {
    DIRECTORY("directory"),
    SUBVOLUME("subvolume"),
    RAW("raw"),
    BLOCK("block"),
    MSTACK("mstack");

    private final String word;

    ImageType(String word) {
        this.word = word;
    }

    /** The lowercase word systemd prints: {@code directory}, {@code raw}, ... */
    public String word() {
        return word;
    }

    /** True for images that are mounted from a file or device (raw, block). */
    public boolean isDiskImage() {
        return this == RAW || this == BLOCK;
    }
}
