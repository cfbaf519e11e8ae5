/**
 * Discovery of system and configuration extensions, root-confined path resolution and
 * extension-release validation. Only {@code dev.confext.core.api} is public.
 */
module dev.confext.core {
    requires com.sun.jna;

    exports dev.confext.core.api;
    exports dev.confext.core.linux to dev.confext.mount, dev.confext.verity;
    // JNA binds the native methods of LibC (direct mapping) reflectively.
    opens dev.confext.core.linux to com.sun.jna;
}
