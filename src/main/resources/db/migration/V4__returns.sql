-- Returns (RMAs): one row per return request, its lines, and where it stands
-- (REQUESTED -> RECEIVED -> INSPECTED -> REFUNDED). Portable SQL (H2 and PostgreSQL).
CREATE TABLE returns (
    id                  VARCHAR(36)   PRIMARY KEY,
    order_id            VARCHAR(36)   NOT NULL REFERENCES orders (id),
    status              VARCHAR(16)   NOT NULL,
    reason              VARCHAR(1000),
    carrier             VARCHAR(64),
    tracking_number     VARCHAR(64),
    inspection_outcome  VARCHAR(16),
    inspection_comment  VARCHAR(1000),
    refunded            NUMERIC(19, 2),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT return_tracking_unique UNIQUE (tracking_number)
);
CREATE INDEX returns_by_order ON returns (order_id);

CREATE TABLE return_lines (
    return_id  VARCHAR(36) NOT NULL REFERENCES returns (id),
    line_id    VARCHAR(36) NOT NULL REFERENCES order_lines (id),
    quantity   INTEGER     NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (return_id, line_id)
);
