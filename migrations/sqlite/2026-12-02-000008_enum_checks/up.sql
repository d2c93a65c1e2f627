-- Every column holding one of the shared enums accepts only its variants'
-- names (NULL stays allowed where the column is nullable: a CHECK that
-- yields NULL passes). users.role has had its CHECK since the foundation.
--
-- SQLite cannot add a constraint to a table: each table is rebuilt under a
-- new name with the same columns in the same order plus the checks, its
-- rows and AUTOINCREMENT counter copied, the old table dropped, the new one
-- renamed and its indexes recreated. Foreign keys are off meanwhile, or
-- dropping a parent would cascade to its children; that PRAGMA only works
-- outside a transaction, hence `run_in_transaction = false` in
-- metadata.toml and the explicit transaction here. Rows a check refuses
-- make the copy fail, and nothing is changed.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE actors_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CONSTRAINT actors_kind_check CHECK (kind IN ('company', 'association', 'municipality', 'state_service', 'region_department', 'research_education', 'funder', 'chamber', 'citizen_group', 'other')),
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
    phase TEXT NOT NULL CONSTRAINT projects_phase_check CHECK (phase IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne')),
    suspended_from TEXT CONSTRAINT projects_suspended_from_check CHECK (suspended_from IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne')),
    decision_outcome TEXT CONSTRAINT projects_decision_outcome_check CHECK (decision_outcome IN ('go', 'go_with_conditions', 'no_go')),
    abandon_reason TEXT CONSTRAINT projects_abandon_reason_check CHECK (abandon_reason IN ('financing', 'partners', 'market_relevance', 'time', 'other')),
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
    visibility TEXT NOT NULL CONSTRAINT projects_visibility_check CHECK (visibility IN ('internal', 'partners', 'public')),
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
    from_phase TEXT NOT NULL CONSTRAINT project_transitions_from_phase_check CHECK (from_phase IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne')),
    to_phase TEXT NOT NULL CONSTRAINT project_transitions_to_phase_check CHECK (to_phase IN ('commande', 'cadrage', 'instruction', 'decision', 'realisation', 'evaluation', 'cloture', 'suspendu', 'abandonne')),
    transition_date DATE NOT NULL,
    motivation TEXT NOT NULL,
    outcome TEXT CONSTRAINT project_transitions_outcome_check CHECK (outcome IN ('go', 'go_with_conditions', 'no_go')),
    reason TEXT CONSTRAINT project_transitions_reason_check CHECK (reason IN ('financing', 'partners', 'market_relevance', 'time', 'other')),
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
    kind TEXT NOT NULL CONSTRAINT journal_entries_kind_check CHECK (kind IN ('note', 'decision', 'lesson', 'partner')),
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
    role TEXT NOT NULL CONSTRAINT participants_role_check CHECK (role IN ('lead', 'partner', 'funder', 'beneficiary', 'contractor', 'expert')),
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
    category TEXT NOT NULL CONSTRAINT funding_lines_category_check CHECK (category IN ('city', 'public', 'private')),
    amount_cents BIGINT NOT NULL,
    status TEXT NOT NULL CONSTRAINT funding_lines_status_check CHECK (status IN ('planned', 'requested', 'granted', 'refused', 'paid')),
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
    kind TEXT NOT NULL CONSTRAINT evaluation_grids_kind_check CHECK (kind IN ('ex_ante', 'intermediate', 'ex_post')),
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
    kind TEXT NOT NULL CONSTRAINT evaluation_grid_versions_kind_check CHECK (kind IN ('ex_ante', 'intermediate', 'ex_post')),
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
    kind TEXT NOT NULL CONSTRAINT evaluations_kind_check CHECK (kind IN ('ex_ante', 'intermediate', 'ex_post')),
    grid_id BIGINT NOT NULL REFERENCES evaluation_grids (id),
    grid_version BIGINT NOT NULL,
    evaluator_id BIGINT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CONSTRAINT evaluations_status_check CHECK (status IN ('draft', 'submitted')),
    scores TEXT NOT NULL DEFAULT '{}',
    weighted_score REAL,
    recommendation TEXT CONSTRAINT evaluations_recommendation_check CHECK (recommendation IN ('go', 'go_with_conditions', 'no_go')),
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
    level TEXT NOT NULL CONSTRAINT indicators_level_check CHECK (level IN ('output', 'outcome', 'impact')),
    direction TEXT NOT NULL CONSTRAINT indicators_direction_check CHECK (direction IN ('increase', 'decrease')),
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
    event TEXT NOT NULL CONSTRAINT webhook_events_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added')),
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
    event TEXT NOT NULL CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added')),
    status TEXT NOT NULL CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'delivered', 'failed')),
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
