package dev.confext.cli;

/**
 * Initialises JNA's native library support on a background thread while the main thread parses the
 * command line and reads configuration. On Linux that initialisation runs {@code ldconfig -p} as a child
 * process, the slowest single step of a short run such as a skipped refresh; started early, it overlaps
 * with work that does not need it. If the main thread needs JNA first it simply waits for the class
 * initialisation to finish (the JVM serialises it). A failure is left for the code that uses JNA to see.
 */
final class NativeWarmUp {
    private static final String NATIVE_LIBRARY = "com.sun.jna.NativeLibrary";

    private NativeWarmUp() {}

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        Thread thread = new Thread(NativeWarmUp::initialise, "jna-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void initialise() {
        try {
            Class.forName(NATIVE_LIBRARY, true, NativeWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Reported, if it matters, by the code that binds the natives.
        }
    }
}
