-- The integrity check for farms that share no identifier compares buyers who ordered and reviewed together with the
-- shop's usual order→review delays: it reads the most recent reviews backed by an order, newest first.
CREATE INDEX reviews_with_order_created ON reviews (created_at DESC, id DESC) WHERE order_id IS NOT NULL;
