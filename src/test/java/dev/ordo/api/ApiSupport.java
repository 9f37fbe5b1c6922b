package dev.ordo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Talks to a running Ordo over real HTTP, as a storefront, carrier or operator would. No response
 * status throws: every call returns a {@link Response} with the status, headers and raw body, so
 * tests can assert 4xx problem+json bodies as well as successes. Public for the browser tests,
 * which set up their orders through the API.
 */
public final class ApiSupport {
    public static final String WEB = "demo-web-key";
    static final String MARKETPLACE = "demo-marketplace-key";
    static final String CARRIER = "demo-carrier-key";
    public static final String OPS = "demo-ops-key";
    static final Set<String> WAREHOUSES = Set.of("us-east", "us-west", "eu-central");

    static final ObjectMapper JSON = new ObjectMapper();

    /** Camunda's demo user, which {@code /engine-rest} and Camunda Modeler's deploy dialog authenticate as. */
    static final String ENGINE_USER = "demo";
    static final String ENGINE_PASSWORD = "demo";

    /** Long enough for a few job executor rounds, including the test profile's retry cycle R2/PT1S. */
    public static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

    private final RestClient http;

    public ApiSupport(int port) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        var requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofSeconds(60));
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    /** A response as the client saw it. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("response body is not JSON (status " + status + "): " + body, e);
            }
        }

        String contentType() {
            return headers.getFirst(HttpHeaders.CONTENT_TYPE);
        }

        /** The {@code field}s of a problem's {@code errors}. */
        List<String> errorFields() {
            return StreamSupport.stream(json().path("errors").spliterator(), false)
                    .map(e -> e.path("field").asText()).toList();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    // ---- raw HTTP -------------------------------------------------------------------------------

    Response call(HttpMethod method, String path, Map<String, String> headers, String body) {
        var spec = http.method(method).uri(path);
        headers.forEach((name, value) -> spec.header(name, value));
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body.getBytes(StandardCharsets.UTF_8));
        }
        return spec.exchange((request, response) -> new Response(response.getStatusCode().value(),
                response.getHeaders(), new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    /** A request whose body is streamed without Content-Length (chunked), as a client that does not know its size. */
    Response stream(HttpMethod method, String path, Map<String, String> headers,
            java.util.function.Supplier<java.io.InputStream> body) {
        var spec = http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
        headers.forEach((name, value) -> spec.header(name, value));
        spec.body(out -> {
            try (var in = body.get()) {
                in.transferTo(out);
            }
        });
        return spec.exchange((request, response) -> new Response(response.getStatusCode().value(),
                response.getHeaders(), new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    Response get(String apiKey, String path) {
        return call(HttpMethod.GET, path, bearer(apiKey), null);
    }

    Response post(String apiKey, String path, Object body) {
        return call(HttpMethod.POST, path, bearer(apiKey), write(body));
    }

    /** POST with an {@code Idempotency-Key} header. */
    Response post(String apiKey, String path, String idempotencyKey, Object body) {
        Map<String, String> headers = new java.util.HashMap<>(bearer(apiKey));
        headers.put("Idempotency-Key", idempotencyKey);
        return call(HttpMethod.POST, path, headers, write(body));
    }

    Response delete(String apiKey, String path) {
        return call(HttpMethod.DELETE, path, bearer(apiKey), null);
    }

    Response put(String apiKey, String path, Object body) {
        return call(HttpMethod.PUT, path, bearer(apiKey), write(body));
    }

    /** GET with HTTP Basic, for {@code /engine-rest}. */
    Response getBasic(String user, String password, String path) {
        return call(HttpMethod.GET, path, Map.of(HttpHeaders.AUTHORIZATION, basic(user, password)), null);
    }

    /** A call to {@code /engine-rest} as Camunda's demo user (HTTP Basic demo/demo). */
    Response engine(HttpMethod method, String path, Object body) {
        return call(method, path, Map.of(HttpHeaders.AUTHORIZATION, basic(ENGINE_USER, ENGINE_PASSWORD)), write(body));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> bearer(String apiKey) {
        return apiKey == null ? Map.of() : Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
    }

    static String write(Object body) {
        if (body == null || body instanceof String) return (String) body;
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A problem+json response (RFC 9457) with this status and the contract's members. */
    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).as("type of %s", response).isNotBlank();
        assertThat(problem.path("title").asText()).as("title of %s", response).isNotBlank();
        assertThat(problem.path("status").asInt()).as("status in the body of %s", response).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", response).isNotBlank();
    }

    // ---- orders ---------------------------------------------------------------------------------

    /** {@code POST /api/v1/orders} with this Idempotency-Key (null: none). */
    Response placeOrder(String apiKey, String idempotencyKey, Object body) {
        Map<String, String> headers = new java.util.HashMap<>(bearer(apiKey));
        if (idempotencyKey != null) headers.put("Idempotency-Key", idempotencyKey);
        return call(HttpMethod.POST, "/api/v1/orders", headers, write(body));
    }

    /** Places an order on the web channel and returns its id; fails the test unless it was created. */
    public String place(ObjectNode order) {
        Response placed = placeOrder(WEB, newKey(), order);
        assertThat(placed.status()).as("placing %s: %s", order, placed).isEqualTo(201);
        return placed.json().path("id").asText();
    }

    public JsonNode order(String orderId) {
        Response read = get(OPS, "/api/v1/orders/" + orderId);
        assertThat(read.status()).as("reading order %s: %s", orderId, read).isEqualTo(200);
        return read.json();
    }

    public JsonNode timeline(String orderId) {
        Response read = get(OPS, "/api/v1/orders/" + orderId + "/events");
        assertThat(read.status()).as("reading the timeline of %s: %s", orderId, read).isEqualTo(200);
        return read.json();
    }

    /** The orders of one customer, as the ops key sees them (every channel). */
    JsonNode ordersOf(String customerId) {
        Response list = get(OPS, "/api/v1/orders?size=100&customerId=" + customerId);
        assertThat(list.status()).as("listing orders of %s: %s", customerId, list).isEqualTo(200);
        return list.json();
    }

    /** Waits until the order satisfies {@code condition} (the job executor moves it on) and returns it. */
    public JsonNode awaitOrder(String orderId, String description, Predicate<JsonNode> condition) {
        return await(description + " for order " + orderId).atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> order(orderId), condition);
    }

    /** Places the order and waits until it is CONFIRMED with its (first) shipment labelled. */
    String placeLabelled(ObjectNode order) {
        String id = place(order);
        awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && "LABEL_CREATED".equals(o.path("shipments").path(0).path("status").asText()));
        return id;
    }

    /** The carrier ships and delivers the order's first shipment; returns the order once delivered and captured. */
    JsonNode shipAndDeliver(String orderId) {
        String tracking = order(orderId).path("shipments").get(0).path("trackingNumber").asText();
        assertThat(carrierEvent(tracking, "SHIPPED").status()).isEqualTo(202);
        assertThat(carrierEvent(tracking, "DELIVERED").status()).isEqualTo(202);
        return awaitOrder(orderId, "delivered and settled", o -> "DELIVERED".equals(o.path("status").asText())
                && "CAPTURED".equals(o.path("payment").path("status").asText()));
    }

    public JsonNode awaitStatus(String orderId, String status) {
        return awaitOrder(orderId, "status " + status, o -> status.equals(o.path("status").asText()));
    }

    Response carrierEvent(String trackingNumber, String status) {
        ObjectNode event = JSON.createObjectNode().put("trackingNumber", trackingNumber).put("status", status)
                .put("occurredAt", java.time.Instant.now().toString()).put("detail", "test scan");
        return post(CARRIER, "/api/v1/carrier-events", event);
    }

    // ---- deployments and order types --------------------------------------------------------------

    /**
     * {@code POST /engine-rest/deployment/create} exactly as Camunda Modeler's Deploy button sends it:
     * multipart/form-data with {@code deployment-name}, {@code deployment-source} "Camunda Modeler",
     * {@code deploy-changed-only} and one file part per resource (part name and file name = the
     * resource name), authenticated with HTTP Basic.
     */
    Response deploy(String deploymentName, boolean deployChangedOnly, Map<String, byte[]> resources) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", deploymentName);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", Boolean.toString(deployChangedOnly));
        resources.forEach((name, content) -> {
            HttpHeaders part = new HttpHeaders();
            part.setContentDisposition(ContentDisposition.formData().name(name).filename(name).build());
            part.setContentType(MediaType.APPLICATION_OCTET_STREAM);
            form.add(name, new HttpEntity<>(content, part));
        });
        return http.post().uri("/engine-rest/deployment/create")
                .header(HttpHeaders.AUTHORIZATION, basic(ENGINE_USER, ENGINE_PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .exchange((request, response) -> new Response(response.getStatusCode().value(),
                        response.getHeaders(), new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    /** Deploys and fails the test unless the engine accepted the deployment; returns the deployment id. */
    String deployed(String deploymentName, Map<String, byte[]> resources) {
        Response deployment = deploy(deploymentName, true, resources);
        assertThat(deployment.status()).as("deploying %s: %s", resources.keySet(), deployment).isEqualTo(200);
        return deployment.json().path("id").asText();
    }

    /** Deletes a deployment with everything in it (instances, history); for tidying the shared test database. */
    void undeploy(String deploymentId) {
        engine(HttpMethod.DELETE, "/engine-rest/deployment/" + deploymentId + "?cascade=true", null);
    }

    /** {@code GET /api/v1/order-types}. */
    JsonNode orderTypes() {
        Response list = get(WEB, "/api/v1/order-types");
        assertThat(list.status()).as("listing order types: %s", list).isEqualTo(200);
        return list.json();
    }

    /** The entry of {@code type} in {@code GET /api/v1/order-types}, or null when it is not listed. */
    JsonNode orderType(String type) {
        for (JsonNode candidate : orderTypes()) {
            if (type.equals(candidate.path("type").asText())) return candidate;
        }
        return null;
    }

    // ---- catalogue ------------------------------------------------------------------------------

    /** Creates a product with a SKU no other test or run uses; no stock anywhere yet. */
    String newProduct() {
        String sku = "T-" + UUID.randomUUID();
        Response created = put(OPS, "/api/v1/products/" + sku, product("Test product " + sku));
        assertThat(created.status()).as("creating product %s: %s", sku, created).isEqualTo(200);
        return sku;
    }

    /** Creates a product weighing {@code weightGrams} with a SKU no other test or run uses; no stock yet. */
    String newProduct(int weightGrams) {
        String sku = "T-" + UUID.randomUUID();
        Response created = put(OPS, "/api/v1/products/" + sku, product("Test product " + sku).put("weightGrams", weightGrams));
        assertThat(created.status()).as("creating product %s: %s", sku, created).isEqualTo(200);
        return sku;
    }

    /** Creates a product with {@code onHand} units in one warehouse and no stock row elsewhere. */
    public String newProductIn(String warehouseId, int onHand) {
        String sku = newProduct();
        setStock(warehouseId, sku, onHand);
        return sku;
    }

    JsonNode setStock(String warehouseId, String sku, int onHand) {
        Response set = put(OPS, "/api/v1/inventory/" + warehouseId + "/" + sku, JSON.createObjectNode().put("onHand", onHand));
        assertThat(set.status()).as("setting stock of %s in %s: %s", sku, warehouseId, set).isEqualTo(200);
        return set.json();
    }

    /** The stock row of {@code sku} in {@code warehouseId} from {@code GET /inventory/{sku}}. */
    JsonNode stock(String warehouseId, String sku) {
        Response read = get(OPS, "/api/v1/inventory/" + sku);
        assertThat(read.status()).as("reading stock of %s: %s", sku, read).isEqualTo(200);
        for (JsonNode row : read.json()) {
            if (warehouseId.equals(row.path("warehouseId").asText())) return row;
        }
        throw new AssertionError("no stock row for " + sku + " in " + warehouseId + ": " + read.body());
    }

    static ObjectNode product(String name) {
        return JSON.createObjectNode().put("name", name).put("weightGrams", 500).put("category", "test")
                .put("leadTimeDays", 0).put("digital", false);
    }

    // ---- request bodies -------------------------------------------------------------------------

    static String newKey() {
        return "idem-" + UUID.randomUUID();
    }

    public static String newCustomer() {
        return "cust-" + UUID.randomUUID();
    }

    /** A valid standard order to Newark, NJ, paid with {@code tok_visa}: 2 x sku at 19.99 per SKU given. */
    public static ObjectNode orderOf(String customerId, String... skus) {
        ObjectNode order = JSON.createObjectNode();
        order.put("orderType", "standard");
        order.putObject("customer").put("id", customerId).put("email", "ada@example.com").put("tier", "regular");
        order.put("currency", "USD");
        ArrayNode lines = order.putArray("lines");
        for (String sku : skus) {
            lines.addObject().put("sku", sku).put("quantity", 2).put("unitPrice", "19.99");
        }
        order.putObject("shippingAddress").put("name", "Ada Lovelace").put("line1", "1 Main St").put("city", "Newark")
                .put("region", "NJ").put("postalCode", "07102").put("country", "US");
        order.put("shippingMethod", "standard");
        order.putObject("payment").put("method", "card").put("token", "tok_visa");
        return order;
    }

    /**
     * Sets (or with a null value removes) the field at a path such as {@code lines[0].quantity} or
     * {@code shippingAddress.country}; returns the same order for chaining.
     */
    public static ObjectNode with(ObjectNode order, String path, Object value) {
        List<String> parts = new ArrayList<>(List.of(path.split("\\.")));
        String last = parts.remove(parts.size() - 1);
        JsonNode parent = order;
        for (String part : parts) parent = step(parent, part);
        JsonNode newValue = JSON.valueToTree(value);
        if (last.endsWith("]")) {
            ArrayNode array = (ArrayNode) step(parent, last.substring(0, last.indexOf('[')));
            int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.length() - 1));
            if (value == null) array.remove(index); else array.set(index, newValue);
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, newValue);
        }
        return order;
    }

    static ObjectNode without(ObjectNode order, String path) {
        return with(order, path, null);
    }

    private static JsonNode step(JsonNode node, String part) {
        if (part.endsWith("]")) {
            String name = part.substring(0, part.indexOf('['));
            int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
            return node.path(name).path(index);
        }
        return node.path(part);
    }
}
