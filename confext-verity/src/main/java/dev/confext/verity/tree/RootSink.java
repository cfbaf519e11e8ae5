package dev.confext.verity.tree;

/** Keeps the digest of the top block: the root hash. */
final class RootSink implements DigestSink {
    private final byte[] root;
    private boolean set;

    RootSink(int digestSize) {
        this.root = new byte[digestSize];
    }

    @Override
    public void accept(byte[] digest, int offset) {
        if (set) {
            throw new IllegalStateException("the top level of a verity tree has more than one block");
        }
        System.arraycopy(digest, offset, root, 0, root.length);
        set = true;
    }

    @Override
    public void finish() {}

    byte[] root() {
        if (!set) {
            throw new IllegalStateException("no root hash computed");
        }
        return root.clone();
    }
}
