package dev.ordo.licence;

/** The licence service failed; the step is retried, then an incident. */
public class LicenceException extends RuntimeException {
    public LicenceException(String message) {
        super(message);
    }
}
