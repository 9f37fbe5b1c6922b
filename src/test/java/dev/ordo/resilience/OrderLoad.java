package dev.ordo.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A storefront placing standard orders over HTTP, as a load: one Idempotency-Key per order, the same
 * body for the same key (so a request that failed can be sent again safely), the customer id equal
 * to the key (so the database shows how many orders a key produced). Remembers the last outcome of
 * every key: CREATED (201), REPLAYED (200), FAILED (no answer or 5xx: the client does not know),
 * REFUSED (another 4xx: a bug in the test or in Ordo).
 */
final class OrderLoad {
    static final String WEB_KEY = "demo-web-key";
    static final String OPS_KEY = "demo-ops-key";
    static final ObjectMapper JSON = new ObjectMapper();

    enum Outcome { CREATED, REPLAYED, FAILED, REFUSED }

    record Result(String key, String url, Outcome outcome, String orderId, String detail) {
        boolean accepted() {
            return outcome == Outcome.CREATED || outcome == Outcome.REPLAYED;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** The order body of a key: 1 lamp, every third order also 2 mugs (two lines, possibly two warehouses). */
    static String body(String key) {
        int n = Math.abs(key.hashCode());
        String lines = n % 3 == 0
                ? "[{\"sku\":\"LAMP-01\",\"quantity\":1,\"unitPrice\":\"19.99\"},{\"sku\":\"MUG-01\",\"quantity\":2,\"unitPrice\":\"7.50\"}]"
                : "[{\"sku\":\"LAMP-01\",\"quantity\":1,\"unitPrice\":\"19.99\"}]";
        return """
                {"orderType":"standard","customer":{"id":"%s","email":"load@example.com","tier":"regular"},
                 "currency":"USD","lines":%s,
                 "shippingAddress":{"name":"Ada Lovelace","line1":"1 Main St","city":"Newark","region":"NJ","postalCode":"07102","country":"US"},
                 "shippingMethod":"standard","payment":{"method":"card","token":"tok_visa"}}""".formatted(key, lines);
    }

    Result place(String baseUrl, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orders"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + WEB_KEY)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body(key)))
                .build();
        Result result;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                JsonNode json = JSON.readTree(response.body());
                result = new Result(key, baseUrl, status == 201 ? Outcome.CREATED : Outcome.REPLAYED, json.path("id").asText(), null);
            } else if (status >= 500 || status == 409) { // 409: the same key still in flight (a replay awaits it)
                result = new Result(key, baseUrl, Outcome.FAILED, null, "HTTP " + status);
            } else {
                result = new Result(key, baseUrl, Outcome.REFUSED, null, "HTTP " + status + " " + response.body());
            }
        } catch (IOException e) {
            result = new Result(key, baseUrl, Outcome.FAILED, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result(key, baseUrl, Outcome.FAILED, null, e.toString());
        }
        results.put(key, result);
        return result;
    }

    /**
     * Places every key with {@code concurrency} clients in parallel, the key's node chosen by
     * {@code urlFor}; returns at once. Keys not yet sent when {@link #stop()} is called are not sent.
     */
    CompletableFuture<Void> start(List<String> keys, int concurrency, Function<String, String> urlFor) {
        stopped.set(false);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String key : keys) {
            all.add(CompletableFuture.runAsync(() -> {
                if (!stopped.get()) place(urlFor.apply(key), key);
            }, pool));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> pool.shutdown());
    }

    void run(List<String> keys, int concurrency, Function<String, String> urlFor) {
        start(keys, concurrency, urlFor).join();
    }

    void stop() {
        stopped.set(true);
    }

    /** Sends every FAILED key again (same key, same body) until each has an answer or {@code rounds} are used up. */
    void resendFailed(int rounds, int concurrency, Function<String, String> urlFor) throws InterruptedException {
        for (int round = 0; round < rounds; round++) {
            List<String> failed = failed();
            if (failed.isEmpty()) return;
            run(failed, concurrency, urlFor);
            if (!failed().isEmpty()) Thread.sleep(1000);
        }
    }

    long accepted() {
        return results.values().stream().filter(Result::accepted).count();
    }

    List<String> failed() {
        return results.values().stream().filter(r -> r.outcome() == Outcome.FAILED).map(Result::key).sorted().toList();
    }

    Collection<Result> results() {
        return List.copyOf(results.values());
    }

    static List<String> keys(String prefix, int from, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < from + count; i++) keys.add(prefix + "-" + i);
        return keys;
    }

    /** PUT /api/v1/inventory/{warehouse}/{sku} as ops. */
    void setStock(String baseUrl, String warehouse, String sku, int onHand) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/inventory/" + warehouse + "/" + sku))
                .header("Authorization", "Bearer " + OPS_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\":" + onHand + "}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("setting stock of " + sku + " in " + warehouse + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /** The HTTP status of /actuator/health (200 UP, 503 DOWN), or -1 when the node does not answer. */
    int health(String baseUrl) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** POST as ops, the JSON answer. */
    JsonNode post(String url, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + OPS_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
