-- The throwaway-account check reads the shop's most recent reviews, newest first, for its share of reviews posted
-- without an order within hours of the account's opening (signals/throwaway-cohort.ts).
CREATE INDEX reviews_created ON reviews (created_at DESC, id DESC);
