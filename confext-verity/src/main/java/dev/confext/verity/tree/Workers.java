package dev.confext.verity.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the same task on {@code parallelism} threads and waits for all of them: either on threads
 * it starts (the calling thread being one of them) or on a caller's {@link Executor}.
 */
public final class Workers {
    private final int parallelism;
    private final Executor executor;

    private Workers(int parallelism, Executor executor) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Thread count must be at least 1, not " + parallelism + ".");
        }
        this.parallelism = parallelism;
        this.executor = executor;
    }

    /** {@code threads} threads, the caller being one of them. */
    public static Workers threads(int threads) {
        return new Workers(threads, null);
    }

    /** {@code parallelism} tasks submitted to {@code executor}; the caller waits. */
    public static Workers on(Executor executor, int parallelism) {
        return new Workers(parallelism, java.util.Objects.requireNonNull(executor, "executor"));
    }

    public int parallelism() {
        return parallelism;
    }

    /** A piece of work that may fail. */
    public interface Task {
        void run() throws Exception;
    }

    /** Runs {@code task} {@code parallelism} times concurrently; rethrows the first failure. */
    public void runAll(Task task) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable body = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        if (executor == null) {
            List<Thread> started = new ArrayList<>();
            for (int i = 1; i < parallelism; i++) {
                Thread t = new Thread(body, "verity-hash-" + i);
                t.setDaemon(true);
                t.start();
                started.add(t);
            }
            body.run();
            for (Thread t : started) {
                t.join();
            }
        } else {
            CountDownLatch done = new CountDownLatch(parallelism);
            for (int i = 0; i < parallelism; i++) {
                try {
                    executor.execute(() -> {
                        try {
                            body.run();
                        } finally {
                            done.countDown();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    failure.compareAndSet(null, e);
                    done.countDown();
                }
            }
            done.await();
        }
        Throwable t = failure.get();
        if (t instanceof Exception) {
            throw (Exception) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }
}
