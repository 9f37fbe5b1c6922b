package dev.ordo.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/orders}, as the contract gives it. */
public record PlaceOrderRequest(
        @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "must be lower-case letters, digits and dashes") String orderType,
        @NotNull @Valid Customer customer,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as USD") String currency,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines,
        @Valid Address shippingAddress,
        @Pattern(regexp = "standard|express", message = "must be standard or express") String shippingMethod,
        @NotNull @Valid Payment payment,
        @Valid Address billingAddress) {

    public PlaceOrderRequest(String orderType, Customer customer, String currency, List<Line> lines,
            Address shippingAddress, String shippingMethod, Payment payment) {
        this(orderType, customer, currency, lines, shippingAddress, shippingMethod, payment, null);
    }

    public record Customer(
            @NotBlank @Size(max = 128) String id,
            @NotBlank @Email @Size(max = 320) String email,
            @Pattern(regexp = "regular|vip", message = "must be regular or vip") String tier) {}

    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(value = 1, message = "must be at least 1") @Max(10_000) Integer quantity,
            @NotNull @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?", message = "must be a decimal string such as \"19.99\"") String unitPrice) {}

    public record Address(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 64) String region,
            @NotBlank @Size(max = 32) String postalCode,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String country) {}

    public record Payment(
            @NotBlank @Size(max = 32) String method,
            @NotBlank @Size(max = 255) String token) {}

    /** The request with the contract's defaults filled in: what is hashed for idempotency and stored. */
    public PlaceOrderRequest withDefaults() {
        return new PlaceOrderRequest(orderType == null ? "standard" : orderType,
                new Customer(customer.id(), customer.email(), customer.tier() == null ? "regular" : customer.tier()),
                currency, lines, shippingAddress, shippingMethod == null ? "standard" : shippingMethod, payment,
                billingAddress);
    }
}
