package dev.confext.core.api;

/**
 * Whether an image may be merged on this host, and why not.
 *
 * @param compatible true when the image is accepted
 * @param reason     for a rejection, a sentence a person can act on (e.g. "Extension 'foo' is for OS
 *                   'fedora', but deployed on top of 'fakeos'"); for an acceptance, which rule accepted it
 */
public record Verdict(boolean compatible, String reason) {
    public static Verdict accept(String reason) {
        return new Verdict(true, reason);
    }

    public static Verdict reject(String reason) {
        return new Verdict(false, reason);
    }
}
