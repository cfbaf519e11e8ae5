package dev.confext.core.api;

import dev.confext.core.config.ConfigFile;
import dev.confext.core.config.ConfigFiles;
import dev.confext.core.config.IniFile;
import dev.confext.core.config.IniParseException;
import dev.confext.core.discovery.Inode;
import dev.confext.core.release.BoundedRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * What {@code sysext.conf}/{@code confext.conf} and their drop-ins say (spec §1.5).
 *
 * @param mutable     {@code Mutable=}, if set validly
 * @param imagePolicy {@code ImagePolicy=}, if set and not empty
 * @param warnings    what a person should be told (unknown sections and keys, bad values, a file that
 *                    could not be parsed), in the order found
 */
public record ExtensionConfig(Optional<MutableMode> mutable, Optional<ImagePolicy> imagePolicy,
        List<String> warnings) {
    public ExtensionConfig {
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the main file and drop-ins of {@code kind} inside {@code root}. Never fails: anything wrong
     * becomes a warning, and a hard parse error drops the whole configuration with systemd's warnings
     * ("FILE:LINE: Failed to parse file: ERROR", "Failed to parse KIND config file, ignoring: ERROR"); a
     * root that cannot be opened as a directory gives systemd's two warnings ("Failed to open root
     * directory ...", "Failed to parse KIND config file, ignoring: ...") and no configuration.
     */
    public static ExtensionConfig read(Root root, ExtensionKind kind) {
        List<String> warnings = new ArrayList<>();
        Optional<Errno> rootError = rootDirectoryError(root);
        if (rootError.isPresent()) {
            // systemd opens the root first and drops the whole configuration when it cannot.
            warnings.add("Failed to open root directory '" + root.path() + "': " + rootError.get().text());
            warnings.add("Failed to parse " + kind.word() + " config file, ignoring: " + rootError.get().text());
            return new ExtensionConfig(Optional.empty(), Optional.empty(), warnings);
        }
        Optional<MutableMode> mutable = Optional.empty();
        Optional<ImagePolicy> imagePolicy = Optional.empty();
        try {
            for (ConfigFile file : ConfigFiles.find(root, kind.configFile(), warnings::add)) {
                byte[] content;
                try {
                    content = BoundedRead.read(file.file());
                } catch (EnvFileException e) {
                    throw new IniParseException(file.label() + ": " + e.getMessage(), e.errno(), null);
                }
                List<IniFile.Assignment> assignments = new ArrayList<>();
                IniFile.parse(file.label(), content, Set.of(kind.configSection()), assignments::add, warnings::add);
                for (IniFile.Assignment a : assignments) {
                    switch (a.key()) {
                        case "Mutable" -> {
                            if (a.value().isEmpty()) {
                                mutable = Optional.empty();
                                break;
                            }
                            Optional<MutableMode> mode = MutableMode.parse(a.value());
                            if (mode.isEmpty()) {
                                warnings.add(a.where() + ": Failed to parse Mutable=" + a.value() + ", ignoring: Invalid argument");
                            } else {
                                mutable = mode;
                            }
                        }
                        case "ImagePolicy" -> {
                            if (a.value().isEmpty()) {
                                imagePolicy = Optional.empty();
                                break;
                            }
                            try {
                                imagePolicy = Optional.of(ImagePolicy.parse(a.value(), false));
                            } catch (ImagePolicyException e) {
                                throw policyError(a, e);
                            }
                        }
                        default -> warnings.add(a.where() + ": Unknown key name '" + a.key() + "' in section '"
                                + a.section() + "', ignoring.");
                    }
                }
            }
        } catch (IniParseException e) {
            warnings.add(e.getMessage());
            e.where().ifPresent(where -> warnings.add(where + ": Failed to parse file: " + e.errno().text()));
            warnings.add("Failed to parse " + kind.word() + " config file, ignoring: " + e.errno().text());
            return new ExtensionConfig(Optional.empty(), Optional.empty(), warnings);
        }
        return new ExtensionConfig(mutable, imagePolicy, warnings);
    }

    /** systemd's refusal of an {@code ImagePolicy=} value, and the error the file's parse fails with. */
    private static IniParseException policyError(IniFile.Assignment a, ImagePolicyException e) {
        boolean duplicate = e.reason() == ImagePolicyException.Reason.DUPLICATE;
        String message = duplicate ? "Duplicate rule in image policy, refusing: "
                : "Failed to parse image policy, refusing: ";
        return new IniParseException(a.where() + ": " + message + a.value(),
                duplicate ? Errno.ENOTUNIQ : Errno.EINVAL, a.where());
    }

    /** Why {@code root} cannot be opened as a directory ({@code ENOENT}, {@code ENOTDIR}, ...), if it cannot. */
    private static Optional<Errno> rootDirectoryError(Root root) {
        return root.isHost() ? Optional.empty() : Inode.directoryError(root.path());
    }
}
