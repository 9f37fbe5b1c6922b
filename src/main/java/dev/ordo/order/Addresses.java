package dev.ordo.order;

import dev.ordo.web.ApiException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What bean validation cannot check about an address ({@link PlaceOrderRequest.Address}), and how
 * it is stored: shared by placement and modification, so an address is accepted the same way in both.
 */
final class Addresses {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Addresses() {}

    /** A problem with the address's country under {@code field} (e.g. "shippingAddress"), if any. */
    static Optional<ApiException.FieldProblem> checkCountry(String field, PlaceOrderRequest.Address address) {
        if (address != null && !COUNTRIES.contains(address.country())) {
            return Optional.of(new ApiException.FieldProblem(field + ".country", "is not an ISO 3166-1 alpha-2 country code"));
        }
        return Optional.empty();
    }

    /** The address as stored on the order (region in upper case); null for null. */
    static OrderRecord.Address toRecord(PlaceOrderRequest.Address a) {
        return a == null ? null : new OrderRecord.Address(a.name(), a.line1(), a.line2(), a.city(),
                a.region() == null ? null : a.region().toUpperCase(Locale.ROOT), a.postalCode(), a.country());
    }
}
