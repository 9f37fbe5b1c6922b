package dev.ordo.shipping;

/**
 * Port to carriers. Labels carry an idempotency key derived from the shipment and the carrier: the
 * same key never creates a second label. Tracking comes back as carrier events through the REST API.
 * Failures throw {@link CarrierException}.
 */
public interface CarrierGateway {
    Label createLabel(String idempotencyKey, String carrier, String service, LabelRequest request);

    void cancelLabel(String idempotencyKey, String carrier, String trackingNumber);

    /** The adapter's name, as operators will read it in incidents. */
    String name();

    record LabelRequest(String orderId, String shipmentId, String fromWarehouse, String toCountry,
                        String toPostalCode, int weightGrams) {}

    record Label(String carrier, String service, String trackingNumber) {}
}
