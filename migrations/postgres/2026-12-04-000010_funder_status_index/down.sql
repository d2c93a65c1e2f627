CREATE INDEX funding_lines_funder_idx ON funding_lines (funder_id);
DROP INDEX funding_lines_funder_status_idx;
