-- Fulfilment holds placed by ops (FRAUD_CHECK, ADDRESS_CHECK, PAYMENT_ISSUE): an order with an
-- active hold (released_at IS NULL) pauses before its shipments are planned. Portable SQL (H2 and PostgreSQL).
CREATE TABLE order_holds (
    id           VARCHAR(36)   PRIMARY KEY,
    order_id     VARCHAR(36)   NOT NULL REFERENCES orders (id),
    reason       VARCHAR(32)   NOT NULL,
    note         VARCHAR(1000),
    placed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    released_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX order_holds_by_order ON order_holds (order_id);
