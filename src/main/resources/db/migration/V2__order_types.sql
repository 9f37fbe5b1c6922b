-- Order types: pre-order release dates, billing country for the risk rules, digital licences.
ALTER TABLE products ADD COLUMN release_date DATE;
ALTER TABLE orders ADD COLUMN bill_country CHAR(2);

CREATE TABLE licences (
    id            VARCHAR(36)  PRIMARY KEY,
    order_id      VARCHAR(36)  NOT NULL REFERENCES orders (id),
    line_id       VARCHAR(36)  NOT NULL REFERENCES order_lines (id),
    sku           VARCHAR(64)  NOT NULL,
    licence_key   VARCHAR(128) NOT NULL,
    download_url  VARCHAR(500) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT licence_per_line UNIQUE (line_id)
);

CREATE TABLE sim_licence_ledger (
    idempotency_key  VARCHAR(255) PRIMARY KEY,
    licence_key      VARCHAR(128) NOT NULL,
    download_url     VARCHAR(500) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
