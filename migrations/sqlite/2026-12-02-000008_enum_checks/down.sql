-- The tables rebuilt as they were before the enum checks (see up.sql).
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE actors_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    siret TEXT UNIQUE,
    siren TEXT,
    sector TEXT,
    address TEXT,
    commune_insee TEXT,
    website TEXT,
    email TEXT,
    phone TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO actors_new (id, name, kind, siret, siren, sector, address, commune_insee, website, email, phone, tags, notes, created_at, updated_at, version)
    SELECT id, name, kind, siret, siren, sector, address, commune_insee, website, email, phone, tags, notes, created_at, updated_at, version FROM actors;
DELETE FROM sqlite_sequence WHERE name = 'actors_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'actors_new', seq FROM sqlite_sequence WHERE name = 'actors';
DROP TABLE actors;
ALTER TABLE actors_new RENAME TO actors;
CREATE INDEX actors_name_idx ON actors (name);
CREATE INDEX actors_kind_idx ON actors (kind);

CREATE TABLE projects_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT,
    description TEXT,
    axis TEXT NOT NULL,
    innovation_types TEXT NOT NULL DEFAULT '[]',
    phase TEXT NOT NULL,
    suspended_from TEXT,
    decision_outcome TEXT,
    abandon_reason TEXT,
    commission_date DATE NOT NULL,
    decision_date DATE,
    start_date DATE,
    planned_end_date DATE,
    actual_end_date DATE,
    lead_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    team TEXT NOT NULL DEFAULT '[]',
    sponsor TEXT,
    commune_insee TEXT,
    area TEXT,
    total_cost_cents BIGINT NOT NULL DEFAULT 0,
    visibility TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO projects_new (id, reference, title, summary, description, axis, innovation_types, phase, suspended_from, decision_outcome, abandon_reason, commission_date, decision_date, start_date, planned_end_date, actual_end_date, lead_id, team, sponsor, commune_insee, area, total_cost_cents, visibility, tags, created_at, updated_at, version)
    SELECT id, reference, title, summary, description, axis, innovation_types, phase, suspended_from, decision_outcome, abandon_reason, commission_date, decision_date, start_date, planned_end_date, actual_end_date, lead_id, team, sponsor, commune_insee, area, total_cost_cents, visibility, tags, created_at, updated_at, version FROM projects;
DELETE FROM sqlite_sequence WHERE name = 'projects_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'projects_new', seq FROM sqlite_sequence WHERE name = 'projects';
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
CREATE INDEX projects_phase_idx ON projects (phase);
CREATE INDEX projects_axis_idx ON projects (axis);
CREATE INDEX projects_lead_idx ON projects (lead_id);
CREATE INDEX projects_commission_idx ON projects (commission_date);
CREATE INDEX projects_updated_idx ON projects (updated_at);
CREATE INDEX projects_axis_phase_idx ON projects (axis, phase);
CREATE INDEX projects_axis_commission_idx ON projects (axis, commission_date);

CREATE TABLE project_transitions_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    from_phase TEXT NOT NULL,
    to_phase TEXT NOT NULL,
    transition_date DATE NOT NULL,
    motivation TEXT NOT NULL,
    outcome TEXT,
    reason TEXT,
    comment TEXT,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO project_transitions_new (id, project_id, from_phase, to_phase, transition_date, motivation, outcome, reason, comment, user_id, created_at)
    SELECT id, project_id, from_phase, to_phase, transition_date, motivation, outcome, reason, comment, user_id, created_at FROM project_transitions;
DELETE FROM sqlite_sequence WHERE name = 'project_transitions_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'project_transitions_new', seq FROM sqlite_sequence WHERE name = 'project_transitions';
DROP TABLE project_transitions;
ALTER TABLE project_transitions_new RENAME TO project_transitions;
CREATE INDEX project_transitions_project_idx ON project_transitions (project_id);

CREATE TABLE journal_entries_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    entry_date DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO journal_entries_new (id, project_id, kind, body, author_id, entry_date, created_at, updated_at, version)
    SELECT id, project_id, kind, body, author_id, entry_date, created_at, updated_at, version FROM journal_entries;
DELETE FROM sqlite_sequence WHERE name = 'journal_entries_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'journal_entries_new', seq FROM sqlite_sequence WHERE name = 'journal_entries';
DROP TABLE journal_entries;
ALTER TABLE journal_entries_new RENAME TO journal_entries;
CREATE INDEX journal_entries_project_idx ON journal_entries (project_id);

CREATE TABLE participants_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    role TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, actor_id, role)
);
INSERT INTO participants_new (id, project_id, actor_id, role, created_at)
    SELECT id, project_id, actor_id, role, created_at FROM participants;
DELETE FROM sqlite_sequence WHERE name = 'participants_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'participants_new', seq FROM sqlite_sequence WHERE name = 'participants';
DROP TABLE participants;
ALTER TABLE participants_new RENAME TO participants;
CREATE INDEX participants_actor_idx ON participants (actor_id);

CREATE TABLE funding_lines_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    funder_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    category TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    status TEXT NOT NULL,
    label TEXT,
    requested_on DATE,
    decided_on DATE,
    paid_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO funding_lines_new (id, project_id, funder_id, category, amount_cents, status, label, requested_on, decided_on, paid_on, created_at, updated_at, version)
    SELECT id, project_id, funder_id, category, amount_cents, status, label, requested_on, decided_on, paid_on, created_at, updated_at, version FROM funding_lines;
DELETE FROM sqlite_sequence WHERE name = 'funding_lines_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'funding_lines_new', seq FROM sqlite_sequence WHERE name = 'funding_lines';
DROP TABLE funding_lines;
ALTER TABLE funding_lines_new RENAME TO funding_lines;
CREATE INDEX funding_lines_project_idx ON funding_lines (project_id);
CREATE INDEX funding_lines_funder_idx ON funding_lines (funder_id);
CREATE INDEX funding_lines_project_category_idx ON funding_lines (project_id, category, status, amount_cents);

CREATE TABLE evaluation_grids_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    criteria TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO evaluation_grids_new (id, name, kind, criteria, active, created_at, updated_at, version)
    SELECT id, name, kind, criteria, active, created_at, updated_at, version FROM evaluation_grids;
DELETE FROM sqlite_sequence WHERE name = 'evaluation_grids_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'evaluation_grids_new', seq FROM sqlite_sequence WHERE name = 'evaluation_grids';
DROP TABLE evaluation_grids;
ALTER TABLE evaluation_grids_new RENAME TO evaluation_grids;

CREATE TABLE evaluation_grid_versions_new (
    grid_id BIGINT NOT NULL REFERENCES evaluation_grids (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    criteria TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (grid_id, version)
);
INSERT INTO evaluation_grid_versions_new (grid_id, version, name, kind, criteria, created_at)
    SELECT grid_id, version, name, kind, criteria, created_at FROM evaluation_grid_versions;
DROP TABLE evaluation_grid_versions;
ALTER TABLE evaluation_grid_versions_new RENAME TO evaluation_grid_versions;

CREATE TABLE evaluations_new (
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
INSERT INTO evaluations_new (id, project_id, kind, grid_id, grid_version, evaluator_id, status, scores, weighted_score, recommendation, comment, submitted_at, created_at, updated_at, version)
    SELECT id, project_id, kind, grid_id, grid_version, evaluator_id, status, scores, weighted_score, recommendation, comment, submitted_at, created_at, updated_at, version FROM evaluations;
DELETE FROM sqlite_sequence WHERE name = 'evaluations_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'evaluations_new', seq FROM sqlite_sequence WHERE name = 'evaluations';
DROP TABLE evaluations;
ALTER TABLE evaluations_new RENAME TO evaluations;
CREATE INDEX evaluations_project_kind_idx ON evaluations (project_id, kind, status);
CREATE INDEX evaluations_grid_idx ON evaluations (grid_id, status);

CREATE TABLE indicators_new (
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
INSERT INTO indicators_new (id, project_id, name, unit, level, direction, description, baseline_value, baseline_date, target_value, target_date, created_at, updated_at, version)
    SELECT id, project_id, name, unit, level, direction, description, baseline_value, baseline_date, target_value, target_date, created_at, updated_at, version FROM indicators;
DELETE FROM sqlite_sequence WHERE name = 'indicators_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'indicators_new', seq FROM sqlite_sequence WHERE name = 'indicators';
DROP TABLE indicators;
ALTER TABLE indicators_new RENAME TO indicators;
CREATE INDEX indicators_project_idx ON indicators (project_id);

CREATE TABLE webhook_events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO webhook_events_new (id, event, payload, created_at)
    SELECT id, event, payload, created_at FROM webhook_events;
DELETE FROM sqlite_sequence WHERE name = 'webhook_events_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'webhook_events_new', seq FROM sqlite_sequence WHERE name = 'webhook_events';
DROP TABLE webhook_events;
ALTER TABLE webhook_events_new RENAME TO webhook_events;

CREATE TABLE webhook_deliveries_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id BIGINT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error TEXT,
    next_attempt_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
INSERT INTO webhook_deliveries_new (id, webhook_id, event_id, event, status, attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at)
    SELECT id, webhook_id, event_id, event, status, attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at FROM webhook_deliveries;
DELETE FROM sqlite_sequence WHERE name = 'webhook_deliveries_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'webhook_deliveries_new', seq FROM sqlite_sequence WHERE name = 'webhook_deliveries';
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_new RENAME TO webhook_deliveries;
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);

-- `PRAGMA foreign_key_check` lists violations without failing; counting
-- them into a column that only takes 0 makes one abort the migration.
CREATE TEMP TABLE foreign_key_violations (count INTEGER NOT NULL CHECK (count = 0));
INSERT INTO foreign_key_violations SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_key_violations;
COMMIT;
PRAGMA foreign_keys = ON;
