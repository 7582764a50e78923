-- Reviews per day in the whole shop, kept in the same transaction as product_daily: the chance model of
-- reviewer-pool overlap divides a product's reviews by the shop's over the same days, in one short row range.
CREATE TABLE shop_daily (
  day date PRIMARY KEY,
  count integer NOT NULL DEFAULT 0
);
INSERT INTO shop_daily (day, count) SELECT day, sum(count) FROM product_daily GROUP BY day;
