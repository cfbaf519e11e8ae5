package dev.confext.core.api;

import java.nio.file.Path;

/**
 * A tiny program for tests that must run discovery in another process (e.g. without the capabilities that
 * let root ignore file permissions). Prints {@code ok NAME...} or the exception's class, errno and message.
 */
public final class DiscoverProbe {
    private DiscoverProbe() {}

    public static void main(String[] args) {
        try {
            StringBuilder out = new StringBuilder("ok");
            for (DiscoveredImage image : ImageScanner.of(ExtensionKind.CONFEXT, Root.of(Path.of(args[0]))).discover()) {
                out.append(' ').append(image.name());
            }
            System.out.println(out);
        } catch (DiscoveryException e) {
            System.out.println("DiscoveryException " + e.errno() + " " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("RuntimeException " + e);
        }
    }
}
