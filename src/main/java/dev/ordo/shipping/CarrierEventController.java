package dev.ordo.shipping;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tracking events from carriers (role carrier). */
@RestController
@Tag(name = "Carrier events", description = "Tracking events pushed by carriers (role carrier)")
class CarrierEventController {
    private final CarrierEvents events;

    CarrierEventController(CarrierEvents events) {
        this.events = events;
    }

    record CarrierEventRequest(@NotBlank @Size(max = 64) String trackingNumber,
                               @NotNull CarrierEvents.Status status,
                               Instant occurredAt,
                               @Size(max = 500) String detail) {}

    @PostMapping("/api/v1/carrier-events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Report a tracking event; the same event twice has no second effect")
    Map<String, Object> post(@Valid @RequestBody CarrierEventRequest event) {
        boolean applied = events.handle(event.trackingNumber(), event.status(), event.detail());
        return Map.of("trackingNumber", event.trackingNumber(), "status", event.status(), "applied", applied);
    }
}
