-- The project list is mostly filtered by axis and phase together; the
-- dashboard sums secured funding per project and category, which a covering
-- index answers without touching the table.
CREATE INDEX projects_axis_phase_idx ON projects (axis, phase);
CREATE INDEX funding_lines_project_category_idx ON funding_lines (project_id, category, status, amount_cents);
