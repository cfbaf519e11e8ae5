package dev.confext.mount.kernel;

/**
 * An open file descriptor returned by one of the mount calls (a file system context, a detached mount, a
 * loop device). Closing it twice is harmless; using it after {@link #close()} fails loudly.
 */
public final class Fd implements AutoCloseable {
    private final String what;
    private int number;

    Fd(int number, String what) {
        this.number = number;
        this.what = what;
    }

    /** The descriptor number; throws once closed. */
    public int number() {
        if (number < 0) {
            throw new IllegalStateException(what + " is already closed");
        }
        return number;
    }

    /** What this descriptor refers to, for messages. */
    public String what() {
        return what;
    }

    /** A path through {@code /proc/self/fd} that reaches the same object (for calls that take paths only). */
    public String procPath() {
        return "/proc/self/fd/" + number();
    }

    @Override
    public void close() {
        if (number >= 0) {
            LibC.INSTANCE.close(number);
            number = -1;
        }
    }

    @Override
    public String toString() {
        return what + (number >= 0 ? " (fd " + number + ")" : " (closed)");
    }
}
