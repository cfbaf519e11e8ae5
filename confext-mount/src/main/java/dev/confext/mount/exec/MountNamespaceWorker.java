package dev.confext.mount.exec;

import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.kernel.MountAttributes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A dedicated thread that lives in its own private copy of the caller's mount namespace, the in-process
 * equivalent of upstream's forked merge child. What it mounts (the staging tmpfs, image mounts, the overlay
 * under assembly) is visible nowhere else; the caller's namespace changes only when a detached mount made
 * here is attached by the caller. The namespace dies with the thread, taking the staging area with it.
 *
 * <p>Every piece of work that touches paths of the private namespace must run through {@link #call}: path
 * lookups (including {@code java.nio.file}) use the namespace of the thread that makes them. Single-use.
 */
final class MountNamespaceWorker implements AutoCloseable {
    /** Work done inside the private namespace. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws MountException;
    }

    private final ExecutorService thread;

    private MountNamespaceWorker(ExecutorService thread) {
        this.thread = thread;
    }

    /**
     * Starts the thread, gives it a private mount namespace and makes every mount in it private, so that
     * nothing done there propagates back to the caller's namespace (or to its peers).
     *
     * @throws MountException when the namespace cannot be created (not privileged)
     */
    static MountNamespaceWorker start() throws MountException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "confext-mount-namespace");
            t.setDaemon(true);
            return t;
        });
        MountNamespaceWorker worker = new MountNamespaceWorker(thread);
        try {
            worker.call(() -> {
                Kernel.unshareMountNamespace();
                Kernel.changePropagation("/", MountAttributes.MS_REC | MountAttributes.MS_PRIVATE);
                return null;
            });
        } catch (MountException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /** Runs {@code work} on the namespace's thread and waits for it. */
    <T> T call(Work<T> work) throws MountException {
        Future<T> future = thread.submit(work::run);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MountException("interrupted while mounting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MountException m) {
                throw m;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new MountException(String.valueOf(cause.getMessage()), cause);
        }
    }

    /** Ends the thread; its namespace and everything mounted only there goes away. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
