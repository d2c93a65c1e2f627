-- The dashboard (`year`, `axis`) and the network (`axis`, `from`, `to`)
-- scope the portfolio by axis and commission date: with a million projects
-- this index finds one axis's projects of one year directly, instead of all
-- the projects of the year (docs/SCALING.md).
CREATE INDEX projects_axis_commission_idx ON projects (axis, commission_date);
