-- The farm check compares a product's orders placed close to a buyer's order with the product's own order rate
-- (signals/order-cohort.ts): it counts the product's orders in a time range.
CREATE INDEX orders_product_ordered ON orders (product_id, ordered_at);
