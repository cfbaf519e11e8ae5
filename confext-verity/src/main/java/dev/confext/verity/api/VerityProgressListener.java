package dev.confext.verity.api;

/**
 * Receives progress events. Events of one operation arrive one at a time (never concurrently),
 * possibly from different threads; a listener must return quickly.
 */
@FunctionalInterface
public interface VerityProgressListener {
    /** A listener that ignores everything. */
    VerityProgressListener NONE = event -> {};

    void onEvent(VerityProgressEvent event);
}
