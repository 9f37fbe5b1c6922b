package dev.ordo.order;

import dev.ordo.process.OrderProcess;
import dev.ordo.process.OrderType;
import dev.ordo.security.ApiClient;
import dev.ordo.security.CurrentClient;
import dev.ordo.security.Role;
import dev.ordo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders for storefronts (their own channel) and ops (every channel, read only). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Orders", description = "Place and follow orders")
class OrderController {
    private final OrderPlacement placement;
    private final OrderViews views;
    private final OrderStore orders;
    private final OrderProcess process;
    private final OrderCancellation cancellation;
    private final OrderHolds holds;
    private final OrderModification modification;
    private final RequestKeys keys;

    OrderController(OrderPlacement placement, OrderViews views, OrderStore orders, OrderProcess process,
                    OrderCancellation cancellation, OrderHolds holds, OrderModification modification, RequestKeys keys) {
        this.keys = keys;
        this.modification = modification;
        this.holds = holds;
        this.cancellation = cancellation;
        this.placement = placement;
        this.views = views;
        this.orders = orders;
        this.process = process;
    }

    record OrderPage(List<OrderView> items, int page, int size, long total) {}

    record OrderTypeView(String type, String name, String processDefinitionKey, int version,
                         boolean requiresShipping, List<String> paymentMethods) {}

    @PostMapping("/orders")
    @Operation(summary = "Place an order", description = "201 with the new order; the same Idempotency-Key and body again: 200 with the same order; another body: 422; "
            + "503 At capacity (Retry-After) while too much work is queued: nothing created, send the same request again later")
    ResponseEntity<OrderView> place(
            @Parameter(description = "1-255 characters, unique per order") @RequestHeader("Idempotency-Key") String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        RequestKeys.checkHeader(idempotencyKey);
        var placed = placement.place(CurrentClient.get(), idempotencyKey, request);
        if (!placed.created()) {
            return ResponseEntity.ok(placed.order());
        }
        return ResponseEntity.created(URI.create("/api/v1/orders/" + placed.order().id())).body(placed.order());
    }

    @GetMapping("/orders/{id}")
    @Operation(summary = "Read an order")
    OrderView get(@PathVariable String id) {
        return visible(id);
    }

    @GetMapping("/orders")
    @Operation(summary = "List orders, newest first")
    OrderPage list(@RequestParam(required = false) String customerId,
                   @RequestParam(required = false) String status,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        OrderStatus wanted = null;
        if (status != null) {
            try {
                wanted = OrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status", "must be one of " + List.of(OrderStatus.values()));
            }
        }
        ApiClient client = CurrentClient.get();
        var result = orders.list(client.role() == Role.OPS ? null : client.channel(), customerId, wanted, page, size);
        return new OrderPage(result.orderIds().stream().map(id -> views.find(id).orElseThrow()).toList(), page, size,
                result.total());
    }

    record CancelRequest(
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 500) String reason,
            List<@Valid @jakarta.validation.constraints.NotNull CancelLine> lines) {}

    record CancelLine(@jakarta.validation.constraints.NotBlank String lineId,
                      @jakarta.validation.constraints.Min(1) int quantity) {}

    @PostMapping("/orders/{id}/cancellation")
    @Operation(summary = "Cancel the whole order, or lines (whole or part of them)",
            description = "200 with the order (its status turns CANCELLED once the undo steps ran); again: 200, no second effect; "
                    + "409 when a shipment was handed to the carrier (use a return) or the order has ended; "
                    + "with lines: whole lines only while the order has no shipments (409 after); a partial quantity "
                    + "reduces the line by it (like a modification: stock freed, shipments re-labelled; sent twice, it reduces twice "
                    + "unless both carry the same Idempotency-Key) "
                    + "until a shipment is handed "
                    + "to the carrier; 422 for an unknown line or more than the line's quantity")
    OrderView cancel(@PathVariable String id,
            @Parameter(description = "optional, 1-255 characters; send it with a partial quantity: the same key and body again "
                    + "do nothing a second time (200), another body 422") @RequestHeader(value = "Idempotency-Key", required = false)
            String idempotencyKey,
            @Valid @RequestBody CancelRequest request) {
        var order = visible(id);
        var key = keys.of("cancellation", idempotencyKey, request);
        boolean perLine = request.lines() != null && !request.lines().isEmpty();
        for (int attempt = 1; ; attempt++) {
            try {
                if (perLine) {
                    cancellation.cancelLines(order.id(), request.reason(), request.lines().stream()
                            .map(l -> new OrderCancellation.LineRequest(l.lineId(), l.quantity())).toList(), key);
                } else {
                    cancellation.cancel(order.id(), request.reason(), key);
                }
                break;
            } catch (OrderProcess.ConcurrentChange e) {
                if (attempt >= 5) throw ApiException.conflict("the order changed concurrently; try again");
            }
        }
        return visible(id);
    }

    record ModificationRequest(@Valid PlaceOrderRequest.Address shippingAddress,
                               @jakarta.validation.constraints.Size(max = 100)
                               List<@Valid @jakarta.validation.constraints.NotNull ModificationLine> lines) {}

    record ModificationLine(
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 64) String sku,
            @jakarta.validation.constraints.NotNull @Min(value = 0, message = "must be at least 0 (0 removes the line)")
            @Max(10_000) Integer quantity,
            @jakarta.validation.constraints.Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?",
                    message = "must be a decimal string such as \"19.99\"") String unitPrice) {}

    @PostMapping("/orders/{id}/modifications")
    @Operation(summary = "Change the shipping address and/or the lines before the order ships",
            description = "200 with the order. The address is validated as at placement (400 naming the field); shipments "
                    + "that already have a label are re-labelled to it (new tracking number). Lines are given by SKU with the "
                    + "wanted quantity (0 removes the line; a new SKU adds a line at its unitPrice, required for a SKU that "
                    + "was never on the order): the stock difference is reserved or released, a higher total authorized, "
                    + "changed shipments re-labelled. The same request again: 200, no second effect. "
                    + "409 once a shipment was handed to the carrier (SHIPPED or later), the order is cancelled, the increase "
                    + "is out of stock, or the order type ships nothing (digital); 422 unknown SKU or a declined authorization "
                    + "of the higher total; 503 when the carrier or payment provider fails. Nothing changes on any error")
    OrderView modify(@PathVariable String id,
            @Parameter(description = "optional, 1-255 characters: the same key and body again do nothing a second time (200), "
                    + "another body 422") @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody ModificationRequest request) {
        var order = visible(id);
        var key = keys.of("modification", idempotencyKey, request);
        if (request.shippingAddress() == null && (request.lines() == null || request.lines().isEmpty())) {
            throw ApiException.badRequest("shippingAddress", "is required unless lines are given");
        }
        if (request.shippingAddress() != null) {
            OrderModification.check(request.shippingAddress());
        }
        List<OrderModification.LineChange> lines = request.lines() == null ? null : request.lines().stream()
                .map(l -> new OrderModification.LineChange(l.sku(), l.quantity(), l.unitPrice())).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                modification.modify(order.id(), request.shippingAddress(), lines, key);
                break;
            } catch (OrderProcess.ConcurrentChange e) {
                if (attempt >= 5) throw ApiException.conflict("the order changed concurrently; try again");
            }
        }
        return visible(id);
    }

    record HoldRequest(String reason, @jakarta.validation.constraints.Size(max = 1000) String note) {}

    record PlacedHold(String id, String reason, java.time.Instant placedAt) {}

    @PostMapping("/orders/{id}/holds")
    @Operation(summary = "Hold the order's fulfilment (ops)",
            description = "201 with the hold; reason FRAUD_CHECK, ADDRESS_CHECK or PAYMENT_ISSUE (400 otherwise). "
                    + "The order pauses before its shipments are planned and shows ON_HOLD until every hold is released. "
                    + "409 once the order has ended, ships nothing, or its shipments are planned with nothing left to plan")
    ResponseEntity<PlacedHold> placeHold(@PathVariable String id, @Valid @RequestBody HoldRequest request) {
        HoldStore.Reason reason;
        try {
            reason = HoldStore.Reason.valueOf(request.reason() == null ? "" : request.reason());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("reason", "must be one of " + List.of(HoldStore.Reason.values()));
        }
        var order = visible(id);
        var hold = holds.place(order.id(), reason, request.note());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + id + "/holds/" + hold.id()))
                .body(new PlacedHold(hold.id(), hold.reason().name(), hold.placedAt()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/orders/{id}/holds/{holdId}")
    @Operation(summary = "Release a hold (ops)",
            description = "200 with the order; once no hold is left the order goes on to plan its shipments; again: 200, no second effect")
    OrderView releaseHold(@PathVariable String id, @PathVariable String holdId) {
        var order = visible(id);
        for (int attempt = 1; ; attempt++) {
            try {
                holds.release(order.id(), holdId);
                break;
            } catch (OrderProcess.ConcurrentChange e) {
                if (attempt >= 5) throw ApiException.conflict("the order changed concurrently; try again");
            }
        }
        return visible(id);
    }

    @GetMapping("/orders/{id}/events")
    @Operation(summary = "The order's timeline, oldest first")
    List<OrderStore.TimelineEntry> events(@PathVariable String id) {
        visible(id);
        return orders.timeline(id);
    }

    @GetMapping("/order-types")
    @Operation(summary = "Order types that can be ordered now (deployed diagrams order-<type>)")
    List<OrderTypeView> orderTypes() {
        return process.orderTypes().stream().map(OrderController::view).toList();
    }

    private static OrderTypeView view(OrderType t) {
        return new OrderTypeView(t.type(), t.name(), t.processDefinitionKey(), t.version(), t.requiresShipping(),
                t.paymentMethods());
    }

    private OrderView visible(String id) {
        return views.find(id).filter(o -> CurrentClient.get().maySee(o.channel()))
                .orElseThrow(() -> ApiException.notFound("order " + id));
    }
}
