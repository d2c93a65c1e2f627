-- Funding opportunities (calls for projects, aid schemes) and the
-- funding lines applied for through them; notifications, one per person,
-- object and threshold (the unique key makes a reminder once, however many
-- instances run the job), with the lease an e-mail run holds on them; and
-- each person's notification preferences.
CREATE TABLE funding_opportunities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    funder_id BIGINT REFERENCES actors (id) ON DELETE SET NULL,
    funder_name TEXT NOT NULL,
    scheme TEXT,
    aid_types TEXT NOT NULL,
    axes TEXT NOT NULL,
    phases TEXT NOT NULL,
    perimeter TEXT NOT NULL,
    subsidy_rate_min INTEGER,
    subsidy_rate_max INTEGER,
    opens_on DATE,
    predeposit_date DATE,
    submission_deadline DATE,
    recurrence TEXT NOT NULL CONSTRAINT funding_opportunities_recurrence_check CHECK (recurrence IN ('one_off', 'ongoing', 'recurring')),
    url TEXT UNIQUE,
    description TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX funding_opportunities_deadline_idx ON funding_opportunities (submission_deadline);

ALTER TABLE funding_lines ADD COLUMN submission_deadline DATE;
ALTER TABLE funding_lines ADD COLUMN opportunity_id BIGINT REFERENCES funding_opportunities (id) ON DELETE SET NULL;

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT notifications_kind_check CHECK (kind IN ('milestone_due', 'milestone_overdue', 'submission_deadline', 'lapse_date', 'phase_changed', 'evaluation_awaited', 'partner_journal', 'opportunity_match', 'mention')),
    project_id BIGINT REFERENCES projects (id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    emailed_at TIMESTAMP,
    email_claim TEXT,
    email_claimed_until TIMESTAMP,
    UNIQUE (user_id, subject_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unsent_idx ON notifications (emailed_at, user_id);

CREATE TABLE notification_preferences (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL CONSTRAINT notification_preferences_email_check CHECK (email IN ('off', 'immediate', 'daily', 'weekly')),
    reminder_days TEXT NOT NULL,
    events TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
