-- Evaluations: versioned grids of weighted criteria, evaluations scored
-- against one grid version, and impact indicators with dated measurements.
-- Criteria and scores are JSON text; indicator values are decimals kept as
-- their exact text.
CREATE TABLE evaluation_grids (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    criteria TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- Every saved version of a grid, as evaluations scored against it see it.
CREATE TABLE evaluation_grid_versions (
    grid_id BIGINT NOT NULL REFERENCES evaluation_grids (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    criteria TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (grid_id, version)
);

CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    grid_id BIGINT NOT NULL REFERENCES evaluation_grids (id),
    grid_version BIGINT NOT NULL,
    evaluator_id BIGINT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    scores TEXT NOT NULL DEFAULT '{}',
    weighted_score REAL,
    recommendation TEXT,
    comment TEXT,
    submitted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX evaluations_project_kind_idx ON evaluations (project_id, kind, status);
CREATE INDEX evaluations_grid_idx ON evaluations (grid_id, status);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    level TEXT NOT NULL,
    direction TEXT NOT NULL,
    description TEXT,
    baseline_value TEXT NOT NULL,
    baseline_date DATE NOT NULL,
    target_value TEXT NOT NULL,
    target_date DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX indicators_project_idx ON indicators (project_id);

CREATE TABLE indicator_measurements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measured_on DATE NOT NULL,
    value TEXT NOT NULL,
    comment TEXT,
    recorded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX indicator_measurements_indicator_idx ON indicator_measurements (indicator_id, measured_on);
