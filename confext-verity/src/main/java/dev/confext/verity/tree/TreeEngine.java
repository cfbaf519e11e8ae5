package dev.confext.verity.tree;

import dev.confext.verity.api.VerityFailure;
import dev.confext.verity.api.VerityGeometry;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityProgressEvent;
import dev.confext.verity.api.VerityProgressListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds or verifies one hash tree. Level 0 (the digests of the data blocks, nearly all the work) is
 * cut into chunks of consecutive level-0 hash blocks that worker threads take in turn; each worker
 * keeps one read buffer and one chunk of hash blocks. Finished chunks are handed over in order to
 * the upper levels, which hold one hash block each. At most a fixed window of chunks is in flight,
 * so memory does not grow with the image. Single use.
 */
public final class TreeEngine {
    /** Data bytes hashed per chunk (rounded to whole level-0 hash blocks). */
    private static final long CHUNK_DATA_BYTES = 4L << 20;
    /** Data bytes read at once per worker (at least one block). */
    private static final int READ_BYTES = 256 << 10;
    private static final int WINDOW_PER_WORKER = 4;

    private final VerityParameters parameters;
    private final VerityGeometry geometry;
    private final Region data;
    private final Region hash;
    private final boolean verify;
    private final Workers workers;
    private final VerityProgressListener listener;
    private final VerityProgressEvent.Operation operation;
    private final HashEngine engine;

    private final long level0Blocks;
    private final int chunkHashBlocks;
    private final long chunks;
    private final AtomicLong nextChunk = new AtomicLong();
    private final Semaphore window;
    private volatile boolean stop;

    private final Object handover = new Object();
    private final Map<Long, byte[]> pending = new HashMap<>();
    private final Map<Long, Stop> chunkStops = new java.util.concurrent.ConcurrentHashMap<>();
    private long nextToHandOver;
    private long doneDataBlocks;
    private final FailureLog failures;
    private long dataEnd = Long.MAX_VALUE;
    private long hashEnd = Long.MAX_VALUE;
    private volatile ShortRead shortRead;
    private DigestSink upper;
    private RootSink root;
    private IOException upperFailure;

    /**
     * @param hash the hash file (read when verifying, written when building)
     * @param verify {@code true} to compare with the stored tree instead of writing it
     */
    public TreeEngine(VerityParameters parameters, VerityGeometry geometry, FileChannel data, FileChannel hash,
            boolean verify, Workers workers, VerityProgressListener listener) {
        this(parameters, geometry, new Region(data, 0, "Data file"), new Region(hash, 0, "Hash file"), verify, workers,
                listener);
    }

    /**
     * @param data the data device (positions relative to its start)
     * @param hash the hash device, read when verifying, written when building (positions relative to its start)
     * @param verify {@code true} to compare with the stored tree instead of writing it
     */
    public TreeEngine(VerityParameters parameters, VerityGeometry geometry, Region data, Region hash,
            boolean verify, Workers workers, VerityProgressListener listener) {
        this.parameters = parameters;
        this.geometry = geometry;
        this.data = data;
        this.hash = hash;
        this.verify = verify;
        this.workers = workers;
        this.listener = listener;
        this.operation = verify ? VerityProgressEvent.Operation.VERIFY : VerityProgressEvent.Operation.FORMAT;
        this.level0Blocks = geometry.levels() == 0 ? 0 : geometry.levelBlocks(0);
        long perChunk = Math.max(1, CHUNK_DATA_BYTES / geometry.dataBlockSize() / geometry.hashesPerBlock());
        this.chunkHashBlocks = (int) Math.min(perChunk, Math.max(1, level0Blocks));
        this.chunks = (level0Blocks + chunkHashBlocks - 1) / chunkHashBlocks;
        this.window = new Semaphore(workers.parallelism() * WINDOW_PER_WORKER);
        this.failures = new FailureLog(geometry.levels());
        this.engine = HashEngine.select(parameters.algorithm());
    }

    private BlockHasher newHasher() {
        return engine.newHasher(parameters, Math.max(geometry.dataBlockSize(), geometry.hashBlockSize()));
    }

    /** The root hash computed (building: of the new tree; verifying: of the stored top block). */
    public byte[] run() throws IOException {
        listener.onEvent(new VerityProgressEvent.Started(operation, geometry.dataBlocks()));
        try {
            return geometry.levels() == 0 ? singleBlock() : tree();
        } finally {
            listener.onEvent(new VerityProgressEvent.Finished(operation));
        }
    }

    /** When verifying: the first failure in veritysetup's order, before the root hash comparison. */
    public Optional<VerityFailure> firstFailure() {
        return failures.first();
    }

    /**
     * When verifying: the devices hold only {@code dataBytes} and {@code hashBytes} bytes, fewer than the tree may
     * need. Verification then goes as veritysetup's does: entry by entry, and where it would read past the end of
     * a device it stops, with {@link #shortRead()} set, unless a stored digest or padding that differs came first.
     * Call before {@link #run()}.
     */
    public void readableUpTo(long dataBytes, long hashBytes) {
        if (!verify) {
            throw new IllegalStateException("only a verification reads up to an end");
        }
        this.dataEnd = dataBytes;
        this.hashEnd = hashBytes;
    }

    /**
     * A read past the end of a device that stopped verification ({@link #readableUpTo}), with no failure before
     * it in veritysetup's order.
     *
     * @param dataDevice whether the data device ended (else the hash device)
     * @param position   byte offset in that device of the block or digest that could not be read
     */
    public record ShortRead(boolean dataDevice, long position) {}

    /** The read past the end of a device that stopped this verification, if one did. */
    public Optional<ShortRead> shortRead() {
        return Optional.ofNullable(shortRead);
    }

    /** Why a level-0 chunk stopped: a stored value that differs, or a read past the end of a device. */
    private record Stop(VerityFailure failure, ShortRead shortRead) {
        static Stop failed(VerityFailure failure) {
            return new Stop(failure, null);
        }

        static Stop hashEnds(long position) {
            return new Stop(null, new ShortRead(false, position));
        }
    }

    private byte[] singleBlock() throws IOException {
        byte[] block = new byte[geometry.dataBlockSize()];
        data.readFully(block, 0, block.length, 0);
        byte[] root = new byte[geometry.digestSize()];
        newHasher().hash(block, 0, block.length, root, 0);
        listener.onEvent(new VerityProgressEvent.Advanced(operation, 1, 1));
        return root;
    }

    private byte[] tree() throws IOException {
        BlockHasher upperHasher = newHasher();
        root = new RootSink(geometry.digestSize());
        DigestSink sink = root;
        for (int level = geometry.levels() - 1; level >= 1; level--) {
            sink = new UpperLevel(level, geometry, hash, verify, upperHasher, sink, failures);
        }
        upper = sink;
        try {
            workers.runAll(this::work);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while hashing");
        } catch (Exception e) {
            throw new IOException(e);
        }
        if (upperFailure != null) {
            throw upperFailure;
        }
        if (stop) {
            return new byte[geometry.digestSize()];
        }
        upper.finish();
        return root.root();
    }

    private void work() throws IOException, InterruptedException {
        Level0Worker worker = new Level0Worker();
        while (!stop) {
            window.acquire();
            if (stop) {
                window.release();
                return;
            }
            long chunk = nextChunk.getAndIncrement();
            if (chunk >= chunks) {
                window.release();
                return;
            }
            byte[] digests;
            try {
                digests = worker.process(chunk);
            } catch (IOException | RuntimeException e) {
                stop = true;
                window.release(chunks > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) chunks + 1);
                throw e;
            }
            handOver(chunk, digests);
        }
    }

    /**
     * Takes a finished chunk; feeds every chunk now complete in order to the upper levels. Once a chunk has stopped
     * the run, chunks after it that other threads finish are ignored: veritysetup would not have read them.
     */
    private void handOver(long chunk, byte[] digests) throws IOException {
        synchronized (handover) {
            pending.put(chunk, digests);
            while (!stop && pending.containsKey(nextToHandOver)) {
                byte[] ready = pending.remove(nextToHandOver);
                long firstHashBlock = nextToHandOver * chunkHashBlocks;
                long hashBlocks = Math.min(chunkHashBlocks, level0Blocks - firstHashBlock);
                nextToHandOver++;
                window.release();
                if (ready == null) {
                    Stop stopped = chunkStops.get(nextToHandOver - 1);
                    if (stopped.failure() != null) {
                        failures.record(stopped.failure());
                    } else {
                        shortRead = stopped.shortRead();
                    }
                    stop = true;
                    window.release(workers.parallelism() * WINDOW_PER_WORKER + 1);
                    return;
                }
                try {
                    for (int i = 0; i < hashBlocks; i++) {
                        upper.accept(ready, i * geometry.digestSize());
                    }
                } catch (IOException e) {
                    upperFailure = e;
                    stop = true;
                    window.release(workers.parallelism() * WINDOW_PER_WORKER + 1);
                    throw e;
                }
                long lastDataBlock = Math.min((firstHashBlock + hashBlocks) * geometry.hashesPerBlock(),
                        geometry.dataBlocks());
                doneDataBlocks = lastDataBlock;
                listener.onEvent(new VerityProgressEvent.Advanced(operation, doneDataBlocks, geometry.dataBlocks()));
            }
        }
    }

    /** One thread's buffers for level 0. */
    private final class Level0Worker {
        private final BlockHasher hasher = newHasher();
        private final int dataBlockSize = geometry.dataBlockSize();
        private final int hashBlockSize = geometry.hashBlockSize();
        private final int hashesPerBlock = geometry.hashesPerBlock();
        private final int slot = geometry.slotSize();
        private final int digestSize = geometry.digestSize();
        private final int readBlocks = Math.max(1, READ_BYTES / dataBlockSize);
        private final byte[] batchDigests = new byte[readBlocks * digestSize];
        private final byte[] hashBlocks = new byte[chunkHashBlocks * hashBlockSize];

        /**
         * Hashes the data blocks of one chunk into its level-0 hash blocks (writing them, or comparing
         * them with the stored ones). Returns the digests of the chunk's hash blocks, or {@code null}
         * when verification found a failure in this chunk.
         */
        byte[] process(long chunk) throws IOException {
            long firstHashBlock = chunk * chunkHashBlocks;
            int count = (int) Math.min(chunkHashBlocks, level0Blocks - firstHashBlock);
            int bytes = count * hashBlockSize;
            long hashPosition = (geometry.levelStartBlock(0) + firstHashBlock) * hashBlockSize;
            if (verify) {
                int readable = (int) Math.max(0, Math.min(bytes, hashEnd - hashPosition));
                hash.readFully(hashBlocks, 0, readable, hashPosition);
                Arrays.fill(hashBlocks, readable, bytes, (byte) 0);
            } else {
                Arrays.fill(hashBlocks, 0, bytes, (byte) 0);
            }
            long firstData = firstHashBlock * hashesPerBlock;
            long endData = Math.min((firstHashBlock + count) * hashesPerBlock, geometry.dataBlocks());
            for (long d = firstData; d < endData; ) {
                int batch = (int) Math.min(readBlocks, endData - d);
                int readable = (int) Math.max(0, Math.min(batch, dataEnd / dataBlockSize - d));
                if (readable > 0) {
                    hasher.hashBlocks(data, d * dataBlockSize, readable, dataBlockSize, batchDigests);
                }
                Stop stop = placeBatch(d - firstData, readable, d, hashPosition);
                if (stop == null && readable < batch) {
                    stop = new Stop(null, new ShortRead(true, (d + readable) * dataBlockSize));
                }
                if (stop != null) {
                    chunkStops.put(chunk, stop);
                    return null;
                }
                d += batch;
            }
            if (!verify) {
                hash.writeFully(hashBlocks, 0, bytes, hashPosition);
            }
            byte[] digests = new byte[count * digestSize];
            for (int i = 0; i < count; i++) {
                hasher.hash(hashBlocks, i * hashBlockSize, hashBlockSize, digests, i * digestSize);
            }
            return digests;
        }

        /**
         * Puts the digests of one batch (data blocks {@code firstBlock...}, the {@code firstIndex}-th of
         * the chunk onwards) into the chunk's hash blocks, or compares them with the stored ones and
         * checks the zero padding after each, in veritysetup's order (the digest, its padding, then the
         * rest of a hash block after its last digest), returning the first failure or read past the end
         * of the hash device. One call per batch, so the JIT compiles this loop after a few hundred
         * batches instead of after tens of thousands of iterations of the chunk's loop.
         */
        private Stop placeBatch(long firstIndex, int batch, long firstBlock, long hashPosition) {
            for (int b = 0; b < batch; b++) {
                long index = firstIndex + b;
                int block = (int) (index / hashesPerBlock);
                int inBlock = (int) (index % hashesPerBlock);
                int at = block * hashBlockSize + inBlock * slot;
                int computed = b * digestSize;
                if (!verify) {
                    System.arraycopy(batchDigests, computed, hashBlocks, at, digestSize);
                    continue;
                }
                long blockPosition = hashPosition + (long) block * hashBlockSize;
                long digestPosition = blockPosition + inBlock * slot;
                if (digestPosition + digestSize > hashEnd) {
                    return Stop.hashEnds(digestPosition);
                }
                if (!Arrays.equals(hashBlocks, at, at + digestSize, batchDigests, computed, computed + digestSize)) {
                    return Stop.failed(new VerityFailure(VerityFailure.Kind.DIGEST_MISMATCH, 0,
                            (firstBlock + b) * dataBlockSize));
                }
                if (slot > digestSize && digestPosition + slot > hashEnd) {
                    return Stop.hashEnds(digestPosition + digestSize);
                }
                if (!UpperLevel.isZero(hashBlocks, at + digestSize, at + slot)) {
                    return Stop.failed(new VerityFailure(VerityFailure.Kind.SPARE_NOT_ZERO, 0,
                            digestPosition + digestSize));
                }
                boolean lastInBlock = inBlock == hashesPerBlock - 1 || firstBlock + b == geometry.dataBlocks() - 1;
                int usedEnd = (inBlock + 1) * slot;
                if (lastInBlock && usedEnd < hashBlockSize && blockPosition + hashBlockSize > hashEnd) {
                    return Stop.hashEnds(blockPosition + usedEnd);
                }
                if (lastInBlock && !UpperLevel.isZero(hashBlocks, block * hashBlockSize + usedEnd,
                        (block + 1) * hashBlockSize)) {
                    return Stop.failed(new VerityFailure(VerityFailure.Kind.SPARE_NOT_ZERO, 0,
                            blockPosition + usedEnd));
                }
            }
            return null;
        }
    }
}
