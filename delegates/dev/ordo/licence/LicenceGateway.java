package dev.ordo.licence;

/**
 * Port to the licence or download service of digital goods. The idempotency key names the order
 * line: the same key returns the licence issued first. Technical failures throw {@link LicenceException}.
 */
public interface LicenceGateway {
    Issued issue(String idempotencyKey, String sku, int quantity, String customerEmail);

    String name();

    record Issued(String licenceKey, String downloadUrl) {}
}
