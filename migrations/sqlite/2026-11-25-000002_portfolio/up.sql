-- The portfolio's records: actors and their contacts, projects with their
-- lifecycle, milestones, journal, documents, participants and funding.
-- Dates are calendar dates; money is integer cents; lists are JSON text.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE actors (
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
CREATE INDEX actors_name_idx ON actors (name);
CREATE INDEX actors_kind_idx ON actors (kind);

CREATE TABLE actor_contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    email TEXT,
    phone TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX actor_contacts_actor_idx ON actor_contacts (actor_id);

CREATE TABLE projects (
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
CREATE INDEX projects_phase_idx ON projects (phase);
CREATE INDEX projects_axis_idx ON projects (axis);
CREATE INDEX projects_lead_idx ON projects (lead_id);
CREATE INDEX projects_commission_idx ON projects (commission_date);
CREATE INDEX projects_updated_idx ON projects (updated_at);

CREATE TABLE project_transitions (
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
CREATE INDEX project_transitions_project_idx ON project_transitions (project_id);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    due_date DATE,
    done_date DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX milestones_project_idx ON milestones (project_id);

CREATE TABLE journal_entries (
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
CREATE INDEX journal_entries_project_idx ON journal_entries (project_id);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_project_idx ON documents (project_id);

CREATE TABLE participants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    role TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, actor_id, role)
);
CREATE INDEX participants_actor_idx ON participants (actor_id);

CREATE TABLE funding_lines (
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
CREATE INDEX funding_lines_project_idx ON funding_lines (project_id);
CREATE INDEX funding_lines_funder_idx ON funding_lines (funder_id);
