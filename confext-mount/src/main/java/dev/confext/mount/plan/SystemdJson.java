package dev.confext.mount.plan;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * The layout of systemd's pretty JSON ({@code --json=pretty}, the {@code origin} file): one tab per
 * nesting level, one member or element per line, {@code " : "} between a name and its value, and
 * {@code []} / {@code {}} for empty containers.
 */
public final class SystemdJson {
    private SystemdJson() {}

    /** A new pretty printer with that layout (it keeps the nesting level, so one per generator). */
    public static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.BOTH)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(tabs).withArrayIndenter(tabs);
    }
}
