package dev.confext.core.api;

import java.util.List;

/** More than one extension-release file qualifies for an image ({@code ENOTUNIQ} upstream). */
public final class ReleaseNotUniqueException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final List<String> candidates;

    /** Two or more of {@code candidates} (in-image paths) qualify for {@code imageName}. */
    public ReleaseNotUniqueException(String imageName, List<String> candidates) {
        super("Multiple extension-release files found for image '" + imageName + "': " + String.join(", ", candidates));
        this.candidates = List.copyOf(candidates);
    }

    /** The in-image paths of the qualifying files. */
    public List<String> candidates() {
        return candidates;
    }

    /** Always {@link Errno#ENOTUNIQ}, as upstream reports it. */
    public Errno errno() {
        return Errno.ENOTUNIQ;
    }
}
