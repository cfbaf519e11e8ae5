/**
 * Discovery of system and configuration extensions, root-confined path resolution and
 * extension-release validation. Only {@code dev.confext.core.api} is public.
 */
module dev.confext.core {
    requires com.sun.jna;

    exports dev.confext.core.api;
}
