-- The programme weighs each funder's expected receipts by its success rate,
-- counted over the portfolio's decided lines by funder and status: with
-- both in one index the count reads the index alone, in its order, instead
-- of visiting every line in the funder's order (a quarter of a second at
-- 100,000 lines). Lookups by funder use its first column as before.
CREATE INDEX funding_lines_funder_status_idx ON funding_lines (funder_id, status);
DROP INDEX funding_lines_funder_idx;
