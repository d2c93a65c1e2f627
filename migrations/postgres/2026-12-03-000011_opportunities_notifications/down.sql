DROP TABLE notification_preferences;
DROP TABLE notifications;
ALTER TABLE funding_lines DROP COLUMN opportunity_id;
ALTER TABLE funding_lines DROP COLUMN submission_deadline;
DROP TABLE funding_opportunities;
