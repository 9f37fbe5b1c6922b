package dev.ordo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ordo.events.Signatures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 (random port), as a storefront would run one: it verifies the
 * signature with its secret (401 otherwise), answers 500 to its first {@code failFirst} calls (and
 * to every call while {@link #failing} is set), and deduplicates accepted events on Ordo-Event-Id.
 */
final class WebhookReceiver implements AutoCloseable {
    record Call(String eventId, String rawBody, String signature, JsonNode body, boolean signatureValid, int answered) {}

    private final HttpServer server;
    /** The secret this receiver verifies with; a test may start it wrong and correct it later. */
    volatile String secret;
    private final AtomicInteger failuresLeft;
    volatile boolean failing;
    private final List<Call> calls = new ArrayList<>();
    /** Accepted events by id, in the order first accepted. */
    private final Map<String, JsonNode> accepted = new LinkedHashMap<>();
    private final List<String> acceptedIds = new ArrayList<>();

    WebhookReceiver(String secret, int failFirst) throws IOException {
        this.secret = secret;
        this.failuresLeft = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String eventId = exchange.getRequestHeaders().getFirst("Ordo-Event-Id");
            String signature = exchange.getRequestHeaders().getFirst("Ordo-Signature");
            boolean valid = Signatures.verify(this.secret, signature, body)
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            int status;
            JsonNode json = ApiSupport.JSON.readTree(body);
            synchronized (this) {
                if (!valid) status = 401;
                else if (failing || failuresLeft.getAndDecrement() > 0) status = 500;
                else {
                    status = 204;
                    acceptedIds.add(eventId);
                    accepted.putIfAbsent(eventId, json);
                }
                calls.add(new Call(eventId, body, signature, json, valid, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every accepted event, once per Ordo-Event-Id, in the order first accepted. */
    synchronized List<JsonNode> events() {
        return List.copyOf(accepted.values());
    }

    /** Every accepted event of one order, once per id, in order of arrival. */
    synchronized List<JsonNode> eventsOf(String orderId) {
        return accepted.values().stream().filter(e -> orderId.equals(e.path("order").path("id").asText())).toList();
    }

    /** Ids of accepted calls including duplicates (an at-least-once sender may repeat). */
    synchronized List<String> acceptedIds() {
        return List.copyOf(acceptedIds);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
