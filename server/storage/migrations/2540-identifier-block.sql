-- An address row carries the keyed hash of its provider block (the 'ip_block' value of the same address), so that the
-- identity check can ask how a block's addresses are handed round: how many distinct addresses the shop's accounts
-- used in it, and how often (signals/shared-identity.ts, address pools). Rows stored before this migration have no
-- block and simply do not count.
ALTER TABLE account_identifiers ADD COLUMN block text;
CREATE INDEX account_identifiers_block ON account_identifiers (block, account_id) WHERE block IS NOT NULL;
