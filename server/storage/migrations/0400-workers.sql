-- Background work with an owner (issue 10): re-check jobs are claimed by a worker and deduplicated, posts carry
-- an idempotency key, and finished work can be found cheaply by the maintenance pass.

-- A job is pending until a worker claims it (started_at), then done. One pending job per review: a second
-- request to re-check a review that is already waiting adds nothing.
ALTER TABLE reassessment_jobs ADD COLUMN started_at timestamptz;
UPDATE reassessment_jobs j SET done_at = j.created_at
  WHERE j.done_at IS NULL AND EXISTS (
    SELECT 1 FROM reassessment_jobs k WHERE k.review_id = j.review_id AND k.done_at IS NULL AND k.id < j.id);
CREATE UNIQUE INDEX reassessment_jobs_one_pending ON reassessment_jobs (review_id) WHERE started_at IS NULL AND done_at IS NULL;
CREATE INDEX reassessment_jobs_done ON reassessment_jobs (done_at) WHERE done_at IS NOT NULL;

-- A retried post (after a timeout) with the same key returns the first outcome instead of a second review.
ALTER TABLE reviews ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX reviews_idempotency_key ON reviews (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Maintenance deletes old rate-limit windows and delivered outbox rows by age.
CREATE INDEX rate_limit_hits_reset ON rate_limit_hits (reset_at);
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE status = 'sent';
