package dev.ordo.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ordo.security.ApiKeys;
import dev.ordo.web.ApiException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The optional {@code Idempotency-Key} of a request that changes an existing order (a cancellation, a
 * modification), table {@code order_request_keys}. Like placement's key: the same key with the same
 * body is answered again without a second effect, another body with it is refused with 422. The
 * key is looked up and stored while the caller holds the order row lock, in the caller's
 * transaction: two identical requests racing queue on that lock and the second sees the first's
 * key once it commits; a request that fails (rolls back) leaves no key, so its retry does the change.
 */
@Component
public class RequestKeys {
    /** A request's key and the hash of its body; {@code operation} keeps the keys of cancellations and modifications apart. */
    public record Key(String operation, String value, String requestHash) {}

    private final JdbcClient jdbc;
    private final ObjectMapper canonicalJson;

    RequestKeys(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** The key of a request ({@code header} null or absent: none); 400 naming {@code Idempotency-Key} when blank or too long. */
    public Key of(String operation, String header, Object body) {
        if (header == null) return null;
        checkHeader(header);
        return new Key(operation, header, hash(body));
    }

    /** 400 naming {@code Idempotency-Key} unless it has 1 to 255 characters (placement, cancellation, modification). */
    static void checkHeader(String header) {
        if (header.isBlank() || header.length() > 255) {
            throw ApiException.badRequest("Idempotency-Key", "must be 1 to 255 characters");
        }
    }

    /** SHA-256 of the body as canonical JSON (map keys sorted): the same request always hashes the same. */
    String hash(Object body) {
        try {
            return ApiKeys.sha256(canonicalJson.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Call holding the order row lock. True when this key already did this request (answer without
     * doing anything); 422 when it came with another body; otherwise records it (false: go ahead).
     */
    boolean alreadyDone(String orderId, Key key) {
        if (key == null) return false;
        var stored = jdbc.sql("SELECT request_hash FROM order_request_keys WHERE order_id = ? AND operation = ? AND idem_key = ?")
                .params(orderId, key.operation(), key.value()).query(String.class).optional();
        if (stored.isPresent()) {
            if (!stored.get().equals(key.requestHash())) {
                throw ApiException.unprocessable("Idempotency-Key",
                        "was already used for a different request on this order; use a new key for a new request");
            }
            return true;
        }
        jdbc.sql("INSERT INTO order_request_keys (order_id, operation, idem_key, request_hash, created_at) VALUES (?,?,?,?,?)")
                .params(orderId, key.operation(), key.value(), key.requestHash(), OffsetDateTime.now(ZoneOffset.UTC)).update();
        return false;
    }
}
