-- Origins (scheme://host[:port]) on which a merchant may embed the reviews widget; feeds frame-ancestors and CORS.
CREATE TABLE merchant_embed_origins (
  merchant_id text NOT NULL REFERENCES merchants (id),
  origin text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, origin)
);
