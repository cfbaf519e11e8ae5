package dev.confext.core.api;

import dev.confext.core.config.ConfigFile;
import dev.confext.core.config.ConfigFiles;
import dev.confext.core.config.IniFile;
import dev.confext.core.config.IniParseException;
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
     * becomes a warning, and a hard parse error drops the whole configuration with the warning
     * "Failed to parse global config file, ignoring".
     */
    public static ExtensionConfig read(Root root, ExtensionKind kind) {
        List<String> warnings = new ArrayList<>();
        Optional<MutableMode> mutable = Optional.empty();
        Optional<ImagePolicy> imagePolicy = Optional.empty();
        try {
            for (ConfigFile file : ConfigFiles.find(root, kind.configFile())) {
                byte[] content;
                try {
                    content = BoundedRead.read(file.file());
                } catch (EnvFileException e) {
                    throw new IniParseException(file.label() + ": " + e.getMessage());
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
                                warnings.add(a.where() + ": Failed to parse Mutable= value, ignoring: " + a.value());
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
                                throw new IniParseException(a.where() + ": " + e.getMessage());
                            }
                        }
                        default -> warnings.add(a.where() + ": Unknown key name '" + a.key() + "' in section '"
                                + a.section() + "', ignoring.");
                    }
                }
            }
        } catch (IniParseException e) {
            warnings.add(e.getMessage());
            warnings.add("Failed to parse global config file, ignoring");
            return new ExtensionConfig(Optional.empty(), Optional.empty(), warnings);
        }
        return new ExtensionConfig(mutable, imagePolicy, warnings);
    }
}
