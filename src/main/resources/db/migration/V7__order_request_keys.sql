-- Idempotency-Key of requests that change an existing order (POST .../cancellation, .../modifications):
-- stored in the request's own transaction, once the change is made; the same key with the same body
-- again is answered without a second effect, with another body it is refused (422). Placement keeps
-- its own table (idempotency_keys), whose key names the order it created.
CREATE TABLE order_request_keys (
    order_id      VARCHAR(36)  NOT NULL REFERENCES orders (id),
    operation     VARCHAR(32)  NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, operation, idem_key)
);
