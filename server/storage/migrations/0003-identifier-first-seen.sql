-- Linking accounts opened in one batch on a busy network prefix reads only the holders first seen near the
-- author's creation time, instead of every holder of the prefix.
CREATE INDEX account_identifiers_value_first_seen ON account_identifiers (kind, value, first_seen);
