package dev.ordo.order;

import java.time.Instant;
import java.util.List;

/** The Order resource of the contract. Money is a decimal string. */
public record OrderView(
        String id, String status, String orderType, String channel, Process process,
        PlaceOrderRequest.Customer customer, String currency, String total, List<Line> lines,
        PlaceOrderRequest.Address shippingAddress, String shippingMethod, Payment payment, List<Shipment> shipments,
        Instant createdAt, Instant updatedAt, List<dev.ordo.licence.LicenceStore.Licence> licences, List<Hold> holds) {

    public record Process(String definitionKey, Integer version) {}

    public record Line(String lineId, String sku, int quantity, String unitPrice, String status) {}

    public record Payment(String method, String status, String authorized, String captured, String refunded) {}

    public record Shipment(String id, String warehouseId, String carrier, String service, String trackingNumber,
                           String status, List<ShipmentLine> lines) {}

    /** An active fulfilment hold. */
    public record Hold(String id, String reason, String note, Instant placedAt) {}

    public record ShipmentLine(String lineId, String sku, int quantity) {}
}
