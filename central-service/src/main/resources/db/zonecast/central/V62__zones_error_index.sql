-- The pool manager's recovery looks for zones in ERROR every 15 s (RedriveRepository): a partial
-- index holds only those, so the look costs nothing per healthy zone (it was a scan of every zone,
-- 100,000 rows every 15 s at scale).
CREATE INDEX zones_error_idx ON zones (id) WHERE status = 'ERROR';
