package dev.confext.verity.api;

/** Progress of a long verity operation, reported to a {@link VerityProgressListener}. */
public sealed interface VerityProgressEvent {
    /** What is running. */
    enum Operation { FORMAT, VERIFY }

    Operation operation();

    /** The operation starts; {@code totalDataBlocks} data blocks will be read. */
    record Started(Operation operation, long totalDataBlocks) implements VerityProgressEvent {}

    /** {@code doneDataBlocks} of {@code totalDataBlocks} have been hashed (reported in order, never decreasing). */
    record Advanced(Operation operation, long doneDataBlocks, long totalDataBlocks) implements VerityProgressEvent {
        /** Fraction done, 0 to 1. */
        public double fraction() {
            return totalDataBlocks == 0 ? 1.0 : (double) doneDataBlocks / totalDataBlocks;
        }
    }

    /** The operation ended (successfully or not). */
    record Finished(Operation operation) implements VerityProgressEvent {}
}
