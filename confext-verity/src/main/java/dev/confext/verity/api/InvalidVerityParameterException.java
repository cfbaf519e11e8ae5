package dev.confext.verity.api;

import java.util.Optional;

/**
 * A verity parameter veritysetup would refuse. {@link #getMessage()} says what is wrong and why;
 * {@link #veritySetupMessage()} is veritysetup's own terse line for the same rejection, for tools that
 * print exactly what it prints.
 */
public final class InvalidVerityParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The parameter refused. */
    public enum Parameter {
        FORMAT, ALGORITHM, DATA_BLOCK_SIZE, HASH_BLOCK_SIZE, SALT, HASH_OFFSET, DATA_BLOCKS, UUID
    }

    private final Parameter parameter;
    private final String veritySetupMessage;

    InvalidVerityParameterException(Parameter parameter, String veritySetupMessage, String message) {
        super(message);
        this.parameter = parameter;
        this.veritySetupMessage = veritySetupMessage;
    }

    public Parameter parameter() {
        return parameter;
    }

    /**
     * The line veritysetup prints for this rejection, empty when it prints none (a salt longer than
     * 256 bytes). For {@link Parameter#UUID} veritysetup adds the hash device: "... provided on
     * device NAME."; this text ends before " on device".
     */
    public Optional<String> veritySetupMessage() {
        return Optional.ofNullable(veritySetupMessage);
    }
}
