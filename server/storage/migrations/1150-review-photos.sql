-- Photos with reviews: up to five per review, re-encoded (metadata stripped) into a display size and a thumbnail.
-- The bytes live here (bytea) by default, or in a directory (CANDOR_PHOTO_STORAGE=directory) with the row naming it.
-- phash is a 64-bit perceptual hash (16 hex digits); its four 16-bit quarters are indexed so that the integrity
-- check finds the same photo posted by another account with a few indexed lookups however many photos exist.
CREATE TABLE review_photos (
  id text PRIMARY KEY,
  review_id text NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 5),
  alt text NOT NULL,
  stored_in text NOT NULL CHECK (stored_in IN ('database', 'directory')),
  display_width integer NOT NULL,
  display_height integer NOT NULL,
  thumb_width integer NOT NULL,
  thumb_height integer NOT NULL,
  display_data bytea,
  thumb_data bytea,
  phash text NOT NULL CHECK (phash ~ '^[0-9a-f]{16}$'),
  phash_band0 integer NOT NULL,
  phash_band1 integer NOT NULL,
  phash_band2 integer NOT NULL,
  phash_band3 integer NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (review_id, position),
  CHECK (stored_in = 'directory' OR (display_data IS NOT NULL AND thumb_data IS NOT NULL))
);
CREATE INDEX review_photos_band0 ON review_photos (phash_band0);
CREATE INDEX review_photos_band1 ON review_photos (phash_band1);
CREATE INDEX review_photos_band2 ON review_photos (phash_band2);
CREATE INDEX review_photos_band3 ON review_photos (phash_band3);
