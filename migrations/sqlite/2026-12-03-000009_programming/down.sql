PRAGMA foreign_keys = OFF;
BEGIN;

DELETE FROM webhook_deliveries WHERE event = 'programme.changed';
DELETE FROM webhook_events WHERE event = 'programme.changed';

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


DROP TABLE programming_scenarios;
DROP TABLE funding_schedules;
DROP TABLE payment_credits;
DROP TABLE ap_revisions;

ALTER TABLE funding_lines DROP COLUMN scheme;
ALTER TABLE funding_lines DROP COLUMN lapse_date;
ALTER TABLE funding_lines DROP COLUMN decision_ref;
ALTER TABLE funding_lines DROP COLUMN convention_date;
ALTER TABLE projects DROP COLUMN ap_cents;

-- `PRAGMA foreign_key_check` lists violations without failing; counting
-- them into a column that only takes 0 makes one abort the migration.
CREATE TEMP TABLE foreign_key_violations (count INTEGER NOT NULL CHECK (count = 0));
INSERT INTO foreign_key_violations SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_key_violations;
COMMIT;
PRAGMA foreign_keys = ON;
