package dev.ordo.returns;

import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import dev.ordo.process.OrderProcess;
import dev.ordo.security.ApiClient;
import dev.ordo.web.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requesting a return and following it. A request is checked against what has shipped (only goods
 * handed to the carrier and not already in another return may come back), recorded, and its
 * process {@code return-order} started in the same transaction. The process's first step (the
 * return label) runs synchronously inside that start, so the answer carries the tracking number.
 */
@Service
public class Returns {
    private final ReturnStore returns;
    private final OrderStore orders;
    private final OrderProcess process;

    Returns(ReturnStore returns, OrderStore orders, OrderProcess process) {
        this.returns = returns;
        this.orders = orders;
        this.process = process;
    }

    public record View(String id, String orderId, String status, String reason, String carrier, String trackingNumber,
                       String inspectionOutcome, String refunded, List<ReturnStore.Line> lines) {}

    @Transactional
    public View request(ApiClient client, String orderId, String reason, List<ReturnStore.Line> lines) {
        OrderRecord order = orders.find(orderId).filter(o -> client.maySee(o.channel()))
                .orElseThrow(() -> ApiException.notFound("order " + orderId));
        Map<String, OrderRecord.Line> orderLines = new HashMap<>();
        order.lines().forEach(l -> orderLines.put(l.id(), l));
        var seen = new HashSet<String>();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            if (!orderLines.containsKey(line.lineId())) {
                throw ApiException.badRequest("lines[" + i + "].lineId", "is not a line of order " + orderId);
            }
            if (!seen.add(line.lineId())) {
                throw ApiException.badRequest("lines[" + i + "].lineId", "names the same line twice");
            }
        }
        returns.lockOrder(orderId);
        Map<String, Integer> shipped = new HashMap<>();
        returns.shipped(orderId).forEach(s -> shipped.merge(s.lineId(), s.quantity(), Integer::sum));
        Map<String, Integer> returned = returns.returnedQuantities(orderId, false);
        for (var line : lines) {
            int returnable = shipped.getOrDefault(line.lineId(), 0) - returned.getOrDefault(line.lineId(), 0);
            if (line.quantity() > returnable) {
                throw ApiException.conflict("line " + line.lineId() + " (" + orderLines.get(line.lineId()).sku() + "): "
                        + returnable + " can be returned (shipped or delivered and not already returned), "
                        + line.quantity() + " requested");
            }
        }
        String returnId = UUID.randomUUID().toString();
        returns.insert(returnId, orderId, reason, lines);
        orders.recordEvent(orderId, "RETURN_REQUESTED", null, "Return " + returnId + " requested"
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
        process.startReturn(orderId, returnId);
        return view(returns.get(returnId));
    }

    public Optional<View> find(ApiClient client, String orderId, String returnId) {
        if (orders.find(orderId).filter(o -> client.maySee(o.channel())).isEmpty()) return Optional.empty();
        return returns.find(returnId).filter(r -> r.orderId().equals(orderId)).map(this::view);
    }

    /**
     * The carrier scanned the return label at the warehouse: RECEIVED, and the return's process moves
     * on to inspection. Empty when no return has this tracking number; false for a repeated event.
     */
    @Transactional
    public Optional<Boolean> received(String trackingNumber, String detail) {
        var found = returns.lockByTrackingNumber(trackingNumber);
        if (found.isEmpty()) return Optional.empty();
        var ret = found.get();
        if (ret.status() != ReturnStatus.REQUESTED) return Optional.of(false);
        returns.setStatus(ret.id(), ReturnStatus.RECEIVED);
        orders.recordEvent(ret.orderId(), "RETURN_RECEIVED", null, "Return " + ret.id() + " (" + trackingNumber
                + ") received at the warehouse" + (detail == null ? "" : ": " + detail));
        process.returnReceived(ret.id());
        return Optional.of(true);
    }

    private View view(ReturnStore.Return r) {
        return new View(r.id(), r.orderId(), r.status().name(), r.reason(), r.carrier(), r.trackingNumber(),
                r.inspectionOutcome(), r.refunded() == null ? null : r.refunded().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                returns.lines(r.id()));
    }
}
