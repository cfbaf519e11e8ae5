/** Overlay merge plans and the executor that applies them. */
module dev.confext.mount {
    requires transitive dev.confext.core;
    requires transitive dev.confext.verity;
    requires com.sun.jna;
    requires com.fasterxml.jackson.core;

    exports dev.confext.mount.plan;
    exports dev.confext.mount.api;

    // JNA reads and writes the fields of struct crypt_params_verity by reflection.
    opens dev.confext.mount.kernel to com.sun.jna;
}
