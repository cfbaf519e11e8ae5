package dev.confext.mount.api;

/** Receives the executor's events, in order, on the caller's thread. */
@FunctionalInterface
public interface ExecutionListener {
    void on(ExecutionEvent event);

    /** A listener that ignores everything. */
    static ExecutionListener none() {
        return event -> {};
    }
}
