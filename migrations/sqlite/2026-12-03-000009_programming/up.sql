-- Money over time. A project's autorisation de programme (AP) is voted and
-- revised by deliberation; `projects.ap_cents` keeps the latest revision's
-- amount so that lists read it without a join. Its crédits de paiement (CP)
-- are spread by year, and each funding line's receipts are scheduled by
-- year. Scenarios are what-ifs over that plan, stored apart from it.
-- Funding lines gain what a grant decision carries (SCDL Subventions).
--
-- The webhook tables are rebuilt to allow the new event in their CHECK,
-- as in 000008 (foreign keys off meanwhile, hence metadata.toml).
PRAGMA foreign_keys = OFF;
BEGIN;

ALTER TABLE projects ADD COLUMN ap_cents BIGINT;

ALTER TABLE funding_lines ADD COLUMN convention_date DATE;
ALTER TABLE funding_lines ADD COLUMN decision_ref TEXT;
ALTER TABLE funding_lines ADD COLUMN lapse_date DATE;
ALTER TABLE funding_lines ADD COLUMN scheme TEXT;

CREATE TABLE ap_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    amount_cents BIGINT NOT NULL,
    voted_on DATE NOT NULL,
    deliberation_ref TEXT NOT NULL,
    comment TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ap_revisions_project_idx ON ap_revisions (project_id, voted_on, id);

CREATE TABLE payment_credits (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    planned_cents BIGINT NOT NULL,
    paid_cents BIGINT NOT NULL,
    PRIMARY KEY (project_id, year)
);

CREATE TABLE funding_schedules (
    funding_line_id BIGINT NOT NULL REFERENCES funding_lines (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    expected_cents BIGINT NOT NULL,
    received_cents BIGINT NOT NULL,
    PRIMARY KEY (funding_line_id, year)
);

CREATE TABLE programming_scenarios (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    shifts TEXT NOT NULL,
    excluded TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE webhook_events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL CONSTRAINT webhook_events_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added', 'programme.changed')),
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
    event TEXT NOT NULL CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added', 'programme.changed')),
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
