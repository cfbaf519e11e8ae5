package dev.confext.mount.plan;

import dev.confext.core.api.ConfextException;

/** A plan or origin document could not be read: not JSON, or not the shape the schema describes. */
public class PlanFormatException extends ConfextException {
    private static final long serialVersionUID = 1L;

    public PlanFormatException(String message) {
        super(message);
    }

    public PlanFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
