package dev.confext.core.release;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Locale;

/** The {@code user.extension-release.strict} attribute that lets a release file be used under another name. */
public final class StrictXattr {
    private static final String NAME = "extension-release.strict";

    private StrictXattr() {}

    /**
     * True only when the attribute exists, can be read and its value is a boolean word meaning false
     * ({@code 0 no n false f off}, case-insensitive). Absent, unreadable or true ⇒ false.
     */
    public static boolean isExplicitlyFalse(Path file) {
        try {
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                return false;
            }
            int size = view.size(NAME);
            if (size > 4096) {
                return false;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size);
            view.read(NAME, buffer);
            buffer.flip();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            for (byte b : bytes) {
                if (b == 0) {
                    return false;
                }
            }
            String value = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "0", "no", "n", "false", "f", "off" -> true;
                default -> false;
            };
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
