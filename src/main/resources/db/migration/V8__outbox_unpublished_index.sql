-- The webhook publisher polls "WHERE seq IS NULL ORDER BY id LIMIT n" every second. Without an index
-- that starts with seq, PostgreSQL walked the primary key through every numbered row to find the few
-- unnumbered ones: the poll got slower with every event ever written (up to 14 ms after 5,000 events
-- in the benchmark, docs/benchmarks.md tuning step 5). With (seq, id) the unnumbered rows (NULLs) are
-- one range of the index, already in id order, in PostgreSQL and H2 alike.
CREATE INDEX outbox_unpublished ON order_events_outbox (seq, id);
