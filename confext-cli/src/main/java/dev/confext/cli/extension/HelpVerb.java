package dev.confext.cli.extension;

import dev.confext.core.api.ExtensionKind;
import java.io.PrintStream;

/** {@code help} and {@code --help}: the usage text on stdout. */
final class HelpVerb implements Verb {

    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        out.print(text(options.kind()));
        return 0;
    }

    static String text(ExtensionKind kind) {
        String what = kind == ExtensionKind.CONFEXT
                ? "Merges configuration extension images into /etc/."
                : "Merges system extension images into /usr/ and /opt/.";
        return kind.word() + " [OPTIONS...] [COMMAND]\n"
                + "\n" + what + "\n"
                + "\nCommands:\n"
                + "  status                  Show which extensions are merged (default)\n"
                + "  merge                   Merge the extensions into their hierarchies\n"
                + "  unmerge                 Remove the merged extensions again\n"
                + "  refresh                 Merge anew unless nothing changed\n"
                + "  list                    List the extension images found\n"
                + "  plan                    Show what merge would mount, without mounting\n"
                + "  help                    Show this help\n"
                + "\nOptions:\n"
                + "  -h --help               Show this help\n"
                + "     --version            Show the version\n"
                + "     --root=PATH          Work on the tree below PATH instead of /\n"
                + "     --json=pretty|short|off\n"
                + "                          Print JSON instead of a table\n"
                + "     --no-legend          Leave out table headers and hints\n"
                + "     --no-pager           Accepted for compatibility (there is no pager)\n"
                + "     --force              Skip the compatibility checks\n"
                + "     --no-reload          Do not ask the service manager to reload\n"
                + "     --always-refresh=BOOL\n"
                + "                          Refresh even when nothing changed\n"
                + "     --image-policy=POLICY\n"
                + "                          Which partitions of disk images may be used, and how\n"
                + "     --noexec=BOOL        Mount the merged hierarchy noexec, or not\n"
                + "     --mutable=no|yes|auto|import|ephemeral|ephemeral-import|help\n"
                + "                          Whether and where the merged hierarchy takes writes\n"
                + "     --explain            list: say for every image whether it fits this host\n"
                + "     --skip-broken        Leave out unreadable images instead of failing\n";
    }
}
