package dev.confext.core.api;

import java.util.Map;

/**
 * Parser for the {@code KEY=VALUE} files systemd reads for os-release and extension-release data
 * (spec §6): comments, single and double quotes, backslash escapes and line continuations, with the
 * last assignment of a key winning.
 */
public final class EnvFile {
    /** Files larger than this are refused instead of being read into memory (4 MiB). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private EnvFile() {}

    /**
     * Parses the content of an env-file.
     *
     * @param content the whole file
     * @return the assignments in first-seen key order, unmodifiable
     * @throws EnvFileException when a key or value is not valid UTF-8 (the whole file is rejected, as
     *                          upstream does) or the content is larger than {@link #MAX_BYTES}
     */
    public static Map<String, String> parse(byte[] content) throws EnvFileException {
        if (content.length > MAX_BYTES) {
            throw new EnvFileException(Errno.EINVAL,
                    "File is too large (" + content.length + " bytes, at most " + MAX_BYTES + " allowed)");
        }
        return new EnvFileParser(content).parse();
    }
}
