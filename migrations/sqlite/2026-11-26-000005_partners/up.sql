-- Partner accounts belong to one actor; invitations let them set their own
-- password; API keys let the town's systems call the API with scopes.
ALTER TABLE users ADD COLUMN actor_id BIGINT REFERENCES actors (id);
CREATE INDEX users_actor_idx ON users (actor_id);

-- Only a hash of each one-time token is kept.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX invitations_user_idx ON invitations (user_id);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);

-- Changes made through an API key name it beside the admin who created it.
ALTER TABLE audit_log ADD COLUMN api_key_id BIGINT REFERENCES api_keys (id);
