package dev.confext.verity.fec;

import dev.confext.verity.api.FecCheck;
import dev.confext.verity.api.FecGeometry;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.tree.Workers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Computes or checks the parity area of one {@link FecGeometry}. Work is cut into batches of
 * consecutive rounds: the blocks that symbol {@code i} of those rounds come from are contiguous in
 * the stream, so a batch takes one read per symbol and encodes all its codewords column-wise. Each
 * worker holds one batch (about {@value #BATCH_WIDTH} bytes times 255) in memory, whatever the size
 * of the image. Single use.
 */
public final class FecCodec {
    /** Target number of codewords (bytes per symbol row) of a batch. */
    private static final int BATCH_WIDTH = 64 * 1024;

    private final FecGeometry geometry;
    private final ReedSolomon code;
    private final FecStream stream;
    private final int blockSize;
    private final int roundsPerBatch;
    private final long batches;

    public FecCodec(FecGeometry geometry, FileChannel data, FileChannel hash) {
        this.geometry = geometry;
        this.code = new ReedSolomon(geometry.roots());
        this.stream = new FecStream(geometry, data, hash);
        this.blockSize = geometry.blockSize();
        this.roundsPerBatch = (int) Math.max(1, Math.min(geometry.rounds(), BATCH_WIDTH / blockSize));
        this.batches = (geometry.rounds() + roundsPerBatch - 1) / roundsPerBatch;
    }

    /**
     * Writes the parity area at {@code offset} of {@code fec} (which is extended as needed, never truncated).
     *
     * @throws VerityException on a read or write error, with veritysetup's message
     */
    public void encode(FileChannel fec, long offset, Workers workers) throws VerityException {
        AtomicLong next = new AtomicLong();
        ReadFailures failures = new ReadFailures();
        run(workers, () -> {
            Batch batch = new Batch();
            for (long index; (index = next.getAndIncrement()) < batches;) {
                long firstRound = index * roundsPerBatch;
                if (failures.before(firstRound)) {
                    break;
                }
                int width = batch.load(firstRound, failures);
                if (width < 0) {
                    break;
                }
                code.encodeColumns(batch.columns, width, batch.parity);
                byte[] out = batch.parity;
                long position = offset + firstRound * geometry.roots() * blockSize;
                ByteBuffer buffer = ByteBuffer.wrap(out, 0, width * geometry.roots());
                try {
                    while (buffer.hasRemaining()) {
                        fec.write(buffer, position + buffer.position());
                    }
                } catch (IOException e) {
                    throw new VerityException("Failed to write parity for RS block " + firstRound + ": "
                            + e.getMessage(), e);
                }
            }
        });
        failures.throwFirst();
    }

    /**
     * Decodes every codeword against the parity area at {@code offset} of {@code fec} and counts the
     * bytes found wrong.
     *
     * <p>When the device ends before the parity area does, veritysetup reads each codeword's parity
     * into the tail of the buffer it decodes in place, and a read past the end leaves there what the
     * previous codeword had after decoding (corrections included). So missing parity bytes are
     * taken from the previous codeword's parity as decoded, which needs the codewords in order: a
     * truncated device is checked on one thread. Before the first codeword that buffer was never
     * written (its content is not reproducible); zeros stand in.
     *
     * @throws VerityException on a read error
     */
    public FecCheck check(FileChannel fec, long offset, Workers workers) throws VerityException {
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong firstBad = new AtomicLong(Long.MAX_VALUE);
        int roots = geometry.roots();
        int messageLength = code.messageLength();
        ReadFailures failures = new ReadFailures();
        long available;
        try {
            available = Math.max(0, fec.size() - offset);
        } catch (IOException e) {
            throw new VerityException("Failed to read parity: " + e.getMessage(), e);
        }
        boolean truncated = available < geometry.rounds() * blockSize * roots;
        byte[] carried = new byte[roots]; // only used on the single thread of a truncated device
        run(truncated ? Workers.threads(1) : workers, () -> {
            Batch batch = new Batch();
            byte[] codeword = new byte[ReedSolomon.CODEWORD];
            byte[] stored = new byte[roundsPerBatch * blockSize * roots];
            for (long index; (index = next.getAndIncrement()) < batches;) {
                long firstRound = index * roundsPerBatch;
                if (firstRound > firstBad.get() || failures.before(firstRound)) {
                    break;
                }
                int width = batch.load(firstRound, failures);
                if (width < 0) {
                    break;
                }
                int present = readParity(fec, offset + firstRound * roots * blockSize, stored, width * roots);
                code.encodeColumns(batch.columns, width, batch.parity);
                byte[] computed = batch.parity;
                long found = 0;
                for (int w = 0; w < width; w++) {
                    int at = w * roots;
                    for (int k = Math.max(0, present - at); k < roots; k++) {
                        stored[at + k] = carried[k];
                    }
                    if (java.util.Arrays.mismatch(computed, at, at + roots, stored, at, at + roots) < 0) {
                        if (truncated) {
                            System.arraycopy(stored, at, carried, 0, roots);
                        }
                        continue;
                    }
                    for (int i = 0; i < messageLength; i++) {
                        codeword[i] = batch.columns[i * width + w];
                    }
                    System.arraycopy(stored, at, codeword, messageLength, roots);
                    int corrected = code.decode(codeword);
                    if (corrected < 0) {
                        long round = firstRound + w / blockSize;
                        firstBad.accumulateAndGet(round, Math::min);
                        break;
                    }
                    if (truncated) {
                        System.arraycopy(codeword, messageLength, carried, 0, roots);
                    }
                    found += corrected;
                }
                errors.addAndGet(found);
            }
        });
        long bad = firstBad.get();
        if (failures.atOrBefore(bad)) {
            // veritysetup reads a whole round before decoding it
            failures.throwFirst();
        }
        return new FecCheck(geometry, errors.get(), bad == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(bad));
    }

    /** Reads up to {@code length} bytes of stored parity; returns how many the device had. */
    private int readParity(FileChannel fec, long position, byte[] target, int length) throws VerityException {
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        try {
            while (buffer.hasRemaining()) {
                if (fec.read(buffer, position + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new VerityException("Failed to read parity for RS block " + position + ": " + e.getMessage(), e);
        }
        return buffer.position();
    }

    private void run(Workers workers, Workers.Task task) throws VerityException {
        try {
            workers.runAll(task);
        } catch (VerityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new VerityException("FEC processing was interrupted: " + e.getMessage(), e);
        }
    }

    /** The earliest (round, symbol) whose block could not be read, across workers. */
    private static final class ReadFailures {
        private long round = Long.MAX_VALUE;
        private int symbol;
        private IOException cause;

        synchronized void record(long failedRound, int failedSymbol, IOException e) {
            if (failedRound < round || failedRound == round && failedSymbol < symbol) {
                round = failedRound;
                symbol = failedSymbol;
                cause = e;
            }
        }

        /** Whether a failure was recorded in a round before {@code limit}. */
        synchronized boolean before(long limit) {
            return round < limit;
        }

        /** Whether a failure was recorded in round {@code limit} or before. */
        synchronized boolean atOrBefore(long limit) {
            return cause != null && round <= limit;
        }

        synchronized void throwFirst() throws VerityException {
            if (cause != null) {
                throw new VerityException("Failed to read RS block " + round + " byte " + symbol + ".", cause);
            }
        }
    }

    /** One worker's buffers for a batch of rounds. */
    private final class Batch {
        final byte[] columns = new byte[code.messageLength() * roundsPerBatch * blockSize];
        final byte[] parity = new byte[geometry.roots() * roundsPerBatch * blockSize];

        /**
         * Reads the symbols of the rounds from {@code firstRound}; returns the number of codewords, or
         * -1 after recording in {@code failures} the first (round, symbol) veritysetup would fail to read.
         */
        int load(long firstRound, ReadFailures failures) {
            int rounds = (int) Math.min(roundsPerBatch, geometry.rounds() - firstRound);
            int width = rounds * blockSize;
            for (int i = 0, n = code.messageLength(); i < n; i++) {
                long block = firstRound + i * geometry.rounds();
                try {
                    stream.read(block * blockSize, columns, i * width, width);
                } catch (IOException e) {
                    locate(firstRound, rounds, failures, e);
                    return -1;
                }
            }
            return width;
        }

        /** veritysetup reads round by round, symbol by symbol: finds the first block that cannot be read. */
        private void locate(long firstRound, int rounds, ReadFailures failures, IOException cause) {
            byte[] one = new byte[blockSize];
            for (long round = firstRound; round < firstRound + rounds; round++) {
                for (int i = 0, n = code.messageLength(); i < n; i++) {
                    try {
                        stream.read((round + i * geometry.rounds()) * blockSize, one, 0, blockSize);
                    } catch (IOException e) {
                        failures.record(round, i, e);
                        return;
                    }
                }
            }
            failures.record(firstRound, 0, cause);
        }
    }
}
