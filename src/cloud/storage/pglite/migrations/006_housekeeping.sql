-- The timer prunes stored results and ended rate windows; these keep that a range scan.
CREATE INDEX idempotency_done_created ON idempotency (created_at) WHERE state = 'done';
CREATE INDEX rate_hits_window ON rate_hits (window_start);
