DROP TABLE indicator_measurements;
DROP TABLE indicators;
DROP TABLE evaluations;
DROP TABLE evaluation_grid_versions;
DROP TABLE evaluation_grids;
