package dev.confext.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes JNA cheap to start in a short-lived command-line process, before anything binds a native function.
 * Left alone, JNA spends a noticeable part of a short run (a skipped refresh, a 1 GiB {@code verity format}):
 * <ul>
 *   <li>on Linux it runs {@code ldconfig -p} as a child process to learn library directories. The libraries
 *       used here are found by their sonames ({@code libc.so.6}, {@code libcrypto.so.3}) through the dynamic
 *       loader anyway, so the directories JNA would add without {@code ldconfig} are named up front
 *       ({@code jna.platform.library.path}), which skips it;</li>
 *   <li>it unpacks its dispatch library from the jar into a temporary file on every run. The launcher names a
 *       cache directory next to the jar ({@value #CACHE_PROPERTY}); the library is unpacked there once after
 *       each build and loaded from there ({@code jna.boot.library.path}) while it is newer than the jar;</li>
 *   <li>its classes initialise with reflection over annotations. That runs on a daemon thread started here,
 *       overlapping with argument parsing and configuration reading; a thread that needs JNA first simply
 *       waits for the class initialisation to finish (the JVM serialises it).</li>
 * </ul>
 * Properties the caller already set are kept. Every failure here only means JNA starts the slow way, so it
 * is never reported.
 */
final class NativeStartup {
    /** System property naming the directory where the dispatch library is cached. */
    static final String CACHE_PROPERTY = "confext.nativeCache";
    private static final String DISPATCH_LIBRARY = "libjnidispatch.so";

    private NativeStartup() {}

    /** Sets the properties and starts the warm-up; returns at once. */
    static void prepare() {
        setIfAbsent("jna.platform.library.path", platformLibraryPath(System.getProperty("os.arch", "")));
        Optional<Path> cache = Optional.ofNullable(System.getProperty(CACHE_PROPERTY)).filter(s -> !s.isEmpty())
                .map(Path::of);
        if (cache.isPresent() && (isFresh(cache.get().resolve(DISPATCH_LIBRARY)) || unpackDispatchLibrary(cache.get()))) {
            setIfAbsent("jna.boot.library.path", cache.get().toString());
        }
        Thread thread = new Thread(NativeStartup::initialiseJna, "jna-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The directories JNA searches on Linux besides those {@code ldconfig} reports: the multiarch ones of this
     * architecture, then the classic ones.
     */
    static String platformLibraryPath(String osArch) {
        String triple = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            case "x86", "i386", "i486", "i586", "i686" -> "i386-linux-gnu";
            case "arm" -> "arm-linux-gnueabihf";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            case "loongarch64" -> "loongarch64-linux-gnu";
            default -> "";
        };
        String multiarch = triple.isEmpty() ? "" : "/usr/lib/" + triple + File.pathSeparator + "/lib/" + triple
                + File.pathSeparator;
        return multiarch + String.join(File.pathSeparator, "/usr/lib64", "/lib64", "/usr/lib", "/lib");
    }

    /** Whether the cached library was written after the jar this process runs from. */
    private static boolean isFresh(Path library) {
        File jar = new File(System.getProperty("java.class.path", ""));
        File cached = library.toFile();
        return jar.isFile() && cached.isFile() && cached.lastModified() >= jar.lastModified();
    }

    /** Unpacks this platform's dispatch library from the jar into {@code directory}; whether it is there now. */
    static boolean unpackDispatchLibrary(Path directory) {
        String resource = dispatchResource();
        if (resource == null) {
            return false;
        }
        try (InputStream in = NativeStartup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, DISPATCH_LIBRARY, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, directory.resolve(DISPATCH_LIBRARY), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where JNA keeps the dispatch library for this platform inside its jar, or null if JNA is missing. */
    private static String dispatchResource() {
        try {
            return "com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/" + DISPATCH_LIBRARY;
        } catch (LinkageError e) {
            return null;
        }
    }

    private static void initialiseJna() {
        ClassLoader loader = NativeStartup.class.getClassLoader();
        for (String name : new String[] {"com.sun.jna.NativeLibrary", "com.sun.jna.Native",
                "com.sun.jna.Structure$FFIType"}) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return; // reported, if it matters, by the code that binds the natives
            }
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
