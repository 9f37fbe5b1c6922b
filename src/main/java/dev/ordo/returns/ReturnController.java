package dev.ordo.returns;

import dev.ordo.security.CurrentClient;
import dev.ordo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Returns (RMAs) of an order: storefronts request them for their own channel's orders; ops read them. */
@RestController
@RequestMapping("/api/v1/orders/{orderId}/returns")
@Tag(name = "Returns", description = "Return shipped goods: a return label, then inspection, restock and refund")
class ReturnController {
    private final Returns returns;

    ReturnController(Returns returns) {
        this.returns = returns;
    }

    record ReturnRequest(@Size(max = 1000) String reason, @NotEmpty @Size(max = 100) List<@Valid @NotNull LineRequest> lines) {}

    record LineRequest(@NotBlank @Size(max = 36) String lineId, @NotNull @Min(1) @Max(100_000) Integer quantity) {}

    @PostMapping
    @Operation(summary = "Request a return", description = "201 with the return and its label's tracking number; "
            + "409 when more is asked back than has shipped and is not already returned")
    ResponseEntity<Returns.View> request(@PathVariable String orderId, @Valid @RequestBody ReturnRequest request) {
        var created = returns.request(CurrentClient.get(), orderId, request.reason(),
                request.lines().stream().map(l -> new ReturnStore.Line(l.lineId(), l.quantity())).toList());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + orderId + "/returns/" + created.id())).body(created);
    }

    @GetMapping("/{returnId}")
    @Operation(summary = "Read a return (REQUESTED, RECEIVED, INSPECTED, REFUNDED)")
    Returns.View get(@PathVariable String orderId, @PathVariable String returnId) {
        return returns.find(CurrentClient.get(), orderId, returnId)
                .orElseThrow(() -> ApiException.notFound("return " + returnId + " of order " + orderId));
    }
}
