/** dm-verity hash trees, root-hash signatures and Discoverable Disk Images. */
module dev.confext.verity {
    requires dev.confext.core;
    requires com.fasterxml.jackson.core;
    requires com.sun.jna;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.confext.verity.api;

    opens dev.confext.verity.tree to com.sun.jna;
}
