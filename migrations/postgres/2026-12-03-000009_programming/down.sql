DELETE FROM webhook_deliveries WHERE event = 'programme.changed';
DELETE FROM webhook_events WHERE event = 'programme.changed';
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_check;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added'));
ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_event_check;
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_event_check CHECK (event IN ('project.created', 'project.phase_changed', 'funding_line.status_changed', 'evaluation.submitted', 'indicator.measurement_added'));

DROP TABLE programming_scenarios;
DROP TABLE funding_schedules;
DROP TABLE payment_credits;
DROP TABLE ap_revisions;

ALTER TABLE funding_lines DROP COLUMN scheme;
ALTER TABLE funding_lines DROP COLUMN lapse_date;
ALTER TABLE funding_lines DROP COLUMN decision_ref;
ALTER TABLE funding_lines DROP COLUMN convention_date;
ALTER TABLE projects DROP COLUMN ap_cents;
