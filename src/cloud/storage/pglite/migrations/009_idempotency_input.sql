-- A request id is bound to the input it was first made with (a keyed hash of its canonical JSON):
-- the same id with other input is refused, not answered with another write's result.
-- Null on records made before the binding, which a retry may still replay.
ALTER TABLE idempotency ADD COLUMN input_hash text;
