package dev.ordo.api;

import static dev.ordo.api.ApiSupport.CARRIER;
import static dev.ordo.api.ApiSupport.MARKETPLACE;
import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.newKey;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static dev.ordo.api.ApiSupport.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.api.ApiSupport.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;

/**
 * Every row of the contract's error table: the status, a problem+json body naming the offending
 * field, never a 500, and never an order left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestApiTest extends ApiTestBase {
    String sku;

    @BeforeAll
    void setUp() {
        sku = api.newProductIn("us-east", 1000);
    }

    /** A change to a valid order body that makes it invalid. */
    interface Breakage extends UnaryOperator<ObjectNode> {}

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                invalid("customer missing", o -> without(o, "customer"), 400, "customer"),
                invalid("customer.id missing", o -> without(o, "customer.id"), 400, "customer.id"),
                invalid("customer.email missing", o -> without(o, "customer.email"), 400, "customer.email"),
                invalid("lines missing", o -> without(o, "lines"), 400, "lines"),
                invalid("lines empty", o -> { o.putArray("lines"); return o; }, 400, "lines"),
                invalid("payment missing", o -> without(o, "payment"), 400, "payment"),
                invalid("payment.token missing", o -> without(o, "payment.token"), 400, "payment.token"),
                invalid("currency missing", o -> without(o, "currency"), 400, "currency"),
                invalid("shippingAddress missing on a standard order", o -> without(o, "shippingAddress"), 400, "shippingAddress"),
                invalid("shippingAddress.line1 missing", o -> without(o, "shippingAddress.line1"), 400, "shippingAddress.line1"),
                invalid("lines[0].sku missing", o -> without(o, "lines[0].sku"), 400, "lines[0].sku"),
                invalid("lines[0].quantity missing", o -> without(o, "lines[0].quantity"), 400, "lines[0].quantity"),
                invalid("quantity 0", o -> with(o, "lines[0].quantity", 0), 400, "lines[0].quantity"),
                invalid("quantity -1", o -> with(o, "lines[0].quantity", -1), 400, "lines[0].quantity"),
                invalid("quantity 2.5", o -> with(o, "lines[0].quantity", 2.5), 400, "lines[0].quantity"),
                invalid("quantity \"two\"", o -> with(o, "lines[0].quantity", "two"), 400, "lines[0].quantity"),
                invalid("unitPrice \"abc\"", o -> with(o, "lines[0].unitPrice", "abc"), 400, "lines[0].unitPrice"),
                invalid("unitPrice negative", o -> with(o, "lines[0].unitPrice", "-1.00"), 400, "lines[0].unitPrice"),
                invalid("unitPrice with three decimals", o -> with(o, "lines[0].unitPrice", "1.999"), 400, "lines[0].unitPrice"),
                invalid("currency \"usd\"", o -> with(o, "currency", "usd"), 400, "currency"),
                invalid("currency \"XYZ\" (not ISO 4217)", o -> with(o, "currency", "XYZ"), 400, "currency"),
                invalid("country \"USA\"", o -> with(o, "shippingAddress.country", "USA"), 400, "shippingAddress.country"),
                invalid("country \"XX\"", o -> with(o, "shippingAddress.country", "XX"), 400, "shippingAddress.country"),
                invalid("shippingMethod \"teleport\"", o -> with(o, "shippingMethod", "teleport"), 400, "shippingMethod"),
                invalid("tier \"gold\"", o -> with(o, "customer.tier", "gold"), 400, "customer.tier"),
                invalid("email \"nope\"", o -> with(o, "customer.email", "nope"), 400, "customer.email"),
                invalid("customer is a string", o -> with(o, "customer", "c-42"), 400, "customer"),
                invalid("lines is an object", o -> with(o, "lines", Map.of("sku", "x")), 400, "lines"),
                invalid("orderType with upper case", o -> with(o, "orderType", "Standard"), 400, "orderType"),
                invalid("the same SKU on two lines", o -> {
                    o.withArray("lines").add(o.withArray("lines").get(0).deepCopy());
                    return o;
                }, 400, "lines[1].sku"),
                invalid("unknown SKU", o -> with(o, "lines[0].sku", "NO-SUCH-SKU-" + java.util.UUID.randomUUID()), 422, "lines[0].sku"),
                invalid("unknown order type", o -> with(o, "orderType", "teleportation"), 422, "orderType"));
    }

    private static Arguments invalid(String description, Breakage breakage, int status, String field) {
        return Arguments.of(description, breakage, status, field);
    }

    @ParameterizedTest(name = "{0} -> {2} naming {3}")
    @MethodSource("invalidBodies")
    void anInvalidOrderIsRefusedWithAProblemNamingTheFieldAndLeavesNoOrderBehind(String description, Breakage breakage,
            int status, String field) {
        String customer = newCustomer();
        ObjectNode body = breakage.apply(orderOf(customer, sku));

        Response refused = api.placeOrder(WEB, newKey(), body);

        assertProblem(refused, status);
        assertThat(refused.errorFields()).as("errors[].field of %s", refused).contains(field);
        assertNoOrderOf(customer);
    }

    @Test
    void malformedJsonIsRefusedWith400NamingTheBody() {
        String customer = newCustomer();
        String truncated = ApiSupport.write(orderOf(customer, sku));
        truncated = truncated.substring(0, truncated.length() / 2);

        Response refused = api.call(HttpMethod.POST, "/api/v1/orders", headers(WEB, newKey()), truncated);

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("body");
        assertNoOrderOf(customer);
    }

    @Test
    void anEmptyBodyIsRefusedWith400NamingTheBody() {
        Response refused = api.call(HttpMethod.POST, "/api/v1/orders", headers(WEB, newKey()), "");

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("body");
    }

    @Test
    void missingIdempotencyKeyIsRefusedWith400NamingTheHeader() {
        String customer = newCustomer();

        Response refused = api.placeOrder(WEB, null, orderOf(customer, sku));

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("Idempotency-Key");
        assertNoOrderOf(customer);
    }

    @Test
    void idempotencyKeyOf256CharactersIsRefusedWith400ButOneOf255IsAccepted() {
        String customer = newCustomer();

        Response tooLong = api.placeOrder(WEB, "k".repeat(255) + "x", orderOf(customer, sku));

        assertProblem(tooLong, 400);
        assertThat(tooLong.errorFields()).containsExactly("Idempotency-Key");
        assertNoOrderOf(customer);

        Response longest = api.placeOrder(WEB, newKey() + "k".repeat(255 - newKey().length()), orderOf(customer, sku));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
    }

    @Test
    void blankIdempotencyKeyIsRefusedWith400() {
        String customer = newCustomer();

        Response refused = api.placeOrder(WEB, "   ", orderOf(customer, sku));

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("Idempotency-Key");
        assertNoOrderOf(customer);
    }

    @Test
    void aBodyLargerThanOneMebibyteIsRefusedWith413() {
        String customer = newCustomer();
        ObjectNode body = orderOf(customer, sku);
        body.put("padding", "x".repeat(1024 * 1024 + 10));

        Response refused = api.placeOrder(WEB, newKey(), body);

        assertProblem(refused, 413);
        assertNoOrderOf(customer);
    }

    @Test
    void aStreamedBodyLargerThanOneMebibyteWithoutContentLengthIsRefusedWith413() throws Exception {
        String customer = newCustomer();
        ObjectNode body = orderOf(customer, sku);
        body.put("padding", "x".repeat(1024 * 1024 + 10));
        byte[] bytes = ApiSupport.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Response refused = api.stream(HttpMethod.POST, "/api/v1/orders", headers(WEB, newKey()),
                () -> (InputStream) new ByteArrayInputStream(bytes));

        assertProblem(refused, 413);
        assertNoOrderOf(customer);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415() {
        var headers = new java.util.HashMap<>(headers(WEB, newKey()));
        headers.put("Content-Type", "text/plain");

        Response refused = api.call(HttpMethod.POST, "/api/v1/orders", headers, null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
    }

    @Test
    void missingApiKeyIsRefusedWith401Problem() {
        String customer = newCustomer();

        Response refused = api.placeOrder(null, newKey(), orderOf(customer, sku));

        assertProblem(refused, 401);
        assertNoOrderOf(customer);
        assertProblem(api.get(null, "/api/v1/orders"), 401);
    }

    @Test
    void unknownApiKeyIsRefusedWith401Problem() {
        String customer = newCustomer();

        Response refused = api.placeOrder("not-a-key", newKey(), orderOf(customer, sku));

        assertProblem(refused, 401);
        assertNoOrderOf(customer);
        assertProblem(api.get("not-a-key", "/api/v1/orders"), 401);
        assertProblem(api.get("not-a-key", "/api/v1/order-types"), 401);
    }

    @Test
    void carrierKeyMayNotPlaceOrReadOrders() {
        String customer = newCustomer();

        Response refused = api.placeOrder(CARRIER, newKey(), orderOf(customer, sku));

        assertProblem(refused, 403);
        assertNoOrderOf(customer);
        assertProblem(api.get(CARRIER, "/api/v1/orders"), 403);
    }

    @Test
    void storefrontKeyMayNotChangeTheCatalogueOrStockOrPostCarrierEvents() {
        String newSku = "T-" + java.util.UUID.randomUUID();

        assertProblem(api.put(WEB, "/api/v1/products/" + newSku, ApiSupport.product("x")), 403);
        assertProblem(api.put(WEB, "/api/v1/inventory/us-east/" + sku, Map.of("onHand", 1)), 403);
        assertProblem(api.post(WEB, "/api/v1/carrier-events", Map.of("trackingNumber", "x", "status", "SHIPPED")), 403);
        assertThat(api.get(OPS, "/api/v1/products/" + newSku).status()).isEqualTo(404);
    }

    @Test
    void unknownOrderIdIs404Problem() {
        Response missing = api.get(WEB, "/api/v1/orders/" + java.util.UUID.randomUUID());

        assertProblem(missing, 404);
        assertProblem(api.get(WEB, "/api/v1/orders/" + java.util.UUID.randomUUID() + "/events"), 404);
    }

    @Test
    void anOrderOfAnotherChannelIs404ForOtherStorefronts() {
        String id = api.place(orderOf(newCustomer(), sku));

        assertProblem(api.get(MARKETPLACE, "/api/v1/orders/" + id), 404);
        assertProblem(api.get(MARKETPLACE, "/api/v1/orders/" + id + "/events"), 404);
        assertThat(api.get(WEB, "/api/v1/orders/" + id).status()).isEqualTo(200);
    }

    @Test
    void listingWithInvalidPagingOrStatusIsRefusedWith400NamingTheParameter() {
        Map<String, String> cases = Map.of(
                "size=101", "size", "size=0", "size", "page=-1", "page", "status=NOPE", "status", "size=abc", "size");
        cases.forEach((query, field) -> {
            Response refused = api.get(WEB, "/api/v1/orders?" + query);
            assertProblem(refused, 400);
            assertThat(refused.errorFields()).as("errors[].field for %s: %s", query, refused).contains(field);
        });
        assertThat(api.get(WEB, "/api/v1/orders?size=100").status()).isEqualTo(200);
    }

    private static Map<String, String> headers(String apiKey, String idempotencyKey) {
        var headers = new java.util.HashMap<>(ApiSupport.bearer(apiKey));
        headers.put("Idempotency-Key", idempotencyKey);
        return headers;
    }

    private void assertNoOrderOf(String customer) {
        assertThat(api.ordersOf(customer).path("total").asLong()).as("orders of customer %s", customer).isZero();
        assertThat(api.ordersOf(customer).path("items")).isEmpty();
    }
}
