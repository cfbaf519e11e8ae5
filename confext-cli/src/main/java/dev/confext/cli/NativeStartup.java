package dev.confext.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Makes JNA cheap to start in a short-lived command-line process, before anything binds a native function.
 * Left alone, JNA spends a noticeable part of a short run (a skipped refresh, a 1 GiB {@code verity format}):
 * <ul>
 *   <li>on Linux it runs {@code ldconfig -p} as a child process to learn library directories. The libraries
 *       used here are found by their sonames ({@code libc.so.6}, {@code libcrypto.so.3}) through the dynamic
 *       loader anyway, so the directories JNA would add without {@code ldconfig} are named up front
 *       ({@code jna.platform.library.path}), which skips it;</li>
 *   <li>it unpacks its dispatch library from the jar into a temporary file on every run, and the verity
 *       module does the same with its block digest helper. The launcher names a cache directory next to the
 *       jar ({@value #CACHE_PROPERTY}); both libraries are unpacked there once after each build and loaded from
 *       there ({@code jna.boot.library.path}, {@value #BLOCK_DIGESTS_PROPERTY}) while they are newer than the
 *       jar;</li>
 *   <li>its classes initialise slowly: {@code java.util.logging} (for JNA's loggers), then the native
 *       dispatch and the {@code ffi_type} structures, whose field order is read from an annotation (which
 *       the JDK serves through a generated proxy class). That runs on two daemon threads started here, one
 *       for JNA's classes and one reading the annotation beforehand, overlapping with argument parsing and
 *       configuration reading; a thread that needs JNA first simply waits for the class initialisation to
 *       finish (the JVM serialises it).</li>
 * </ul>
 * No lambda or method reference is used here: the first one in a process costs several milliseconds of
 * {@code java.lang.invoke} set-up, which would delay the warm-up threads.
 * Properties the caller already set are kept. Every failure here only means JNA starts the slow way, so it
 * is never reported.
 */
final class NativeStartup {
    /** System property naming the directory where the dispatch library is cached. */
    static final String CACHE_PROPERTY = "confext.nativeCache";
    private static final String DISPATCH_LIBRARY = "libjnidispatch.so";
    /** Where the verity module looks for its block digest helper (its {@code NativeBlockDigests.PROPERTY}). */
    static final String BLOCK_DIGESTS_PROPERTY = "confext.verity.blockDigests";
    /** The helper's name in the cache. */
    private static final String BLOCK_DIGESTS_LIBRARY = "libconfext-block-digests.so";

    private NativeStartup() {}

    /** Sets the properties and starts the warm-up; returns at once. */
    static void prepare() {
        setIfAbsent("jna.platform.library.path", platformLibraryPath(System.getProperty("os.arch", "")));
        String cache = System.getProperty(CACHE_PROPERTY, "");
        if (!cache.isEmpty()) {
            Path directory = Path.of(cache);
            if (isFresh(directory.resolve(DISPATCH_LIBRARY)) || unpackDispatchLibrary(directory)) {
                setIfAbsent("jna.boot.library.path", directory.toString());
            }
            Path helper = directory.resolve(BLOCK_DIGESTS_LIBRARY);
            if (isFresh(helper) || unpack(blockDigestsResource(), directory, BLOCK_DIGESTS_LIBRARY)) {
                setIfAbsent(BLOCK_DIGESTS_PROPERTY, helper.toString());
            }
        }
        start(new WarmUp(false), "jna-warm-up");
        start(new WarmUp(true), "jna-annotation-warm-up");
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
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
        return unpack(dispatchResource(), directory, DISPATCH_LIBRARY);
    }

    /**
     * The verity module's block digest helper for this machine, as its build names it
     * ({@code NativeBlockDigests.RESOURCE}); the jar lacks it when no C compiler built it.
     */
    static String blockDigestsResource() {
        return "dev/confext/verity/tree/libconfext-block-digests-linux-"
                + System.getProperty("os.arch", "").toLowerCase(Locale.ROOT) + ".so";
    }

    /** Unpacks the jar's {@code resource} into {@code directory} as {@code name}; whether it is there now. */
    static boolean unpack(String resource, Path directory, String name) {
        if (resource == null) {
            return false;
        }
        try (InputStream in = NativeStartup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, name, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
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

    /** One warm-up thread's work: JNA's classes, or the annotation they read while initialising. */
    private static final class WarmUp implements Runnable {
        private static final String[] JNA_CLASSES = {"com.sun.jna.NativeLibrary", "com.sun.jna.Native",
                "com.sun.jna.Structure$FFIType"};
        private final boolean annotation;

        WarmUp(boolean annotation) {
            this.annotation = annotation;
        }

        @Override
        public void run() {
            ClassLoader loader = NativeStartup.class.getClassLoader();
            try {
                if (annotation) {
                    Class.forName(JNA_CLASSES[2], false, loader).getAnnotations();
                    return;
                }
                for (String name : JNA_CLASSES) {
                    Class.forName(name, true, loader);
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // reported, if it matters, by the code that binds the natives
            }
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
