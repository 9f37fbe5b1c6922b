-- The facts the diagrams' decisions read of an order that its row did not keep (OrderFacts, docs/order-types.md):
-- whether the customer had not ordered before on that channel (it cannot be recomputed later) and the lines'
-- product category (one category, "none" when a product has none, or "mixed"; it changes with the lines).
-- Until now both lived only in the order's process variables.
ALTER TABLE orders ADD COLUMN new_customer BOOLEAN;
ALTER TABLE orders ADD COLUMN product_category VARCHAR(64);
UPDATE orders SET new_customer = NOT EXISTS (SELECT 1 FROM orders earlier WHERE earlier.channel = orders.channel
    AND earlier.customer_id = orders.customer_id AND earlier.created_at < orders.created_at);
UPDATE orders SET product_category = (SELECT CASE WHEN COUNT(DISTINCT COALESCE(p.category, 'none')) = 1
        THEN MIN(COALESCE(p.category, 'none')) ELSE 'mixed' END
    FROM order_lines l JOIN products p ON p.sku = l.sku WHERE l.order_id = orders.id AND l.status <> 'CANCELLED');
