ALTER TABLE audit_log DROP COLUMN api_key_id;
DROP TABLE api_keys;
DROP TABLE invitations;
DROP INDEX users_actor_idx;
ALTER TABLE users DROP COLUMN actor_id;
