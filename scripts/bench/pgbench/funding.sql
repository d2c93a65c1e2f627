-- POST /api/v1/projects/{id}/funding-lines: the user, then in one
-- transaction the project's existence, the funder, the new line, the line
-- with its funder's name, the audit entry (about 400 characters).
\set id random(:first, :last)
\set funder random(:first_actor, :last_actor)
\set amount random(1, 100000) * 100
SELECT "users"."role", "users"."actor_id" FROM "users" WHERE (("users"."id" = :user_id) AND ("users"."active" = true)) LIMIT 1;
BEGIN;
SELECT COUNT(*) FROM "projects" WHERE ("projects"."id" = :id);
SELECT "actors"."id", "actors"."name", "actors"."kind", "actors"."siret", "actors"."siren", "actors"."sector", "actors"."address", "actors"."commune_insee", "actors"."website", "actors"."email", "actors"."phone", "actors"."tags", "actors"."notes", "actors"."created_at", "actors"."updated_at", "actors"."version" FROM "actors" WHERE ("actors"."id" = :funder) LIMIT 1;
INSERT INTO "funding_lines" ("project_id", "funder_id", "category", "amount_cents", "status", "label", "requested_on", "decided_on", "paid_on", "created_at", "updated_at", "version") VALUES (:id, :funder, 'city', :amount, 'planned', 'Mesure de charge', NULL, NULL, NULL, now(), now(), 1) RETURNING "funding_lines"."id" \gset new_
SELECT "funding_lines"."id", "funding_lines"."project_id", "funding_lines"."funder_id", "funding_lines"."category", "funding_lines"."amount_cents", "funding_lines"."status", "funding_lines"."label", "funding_lines"."requested_on", "funding_lines"."decided_on", "funding_lines"."paid_on", "funding_lines"."created_at", "funding_lines"."updated_at", "funding_lines"."version", "actors"."name" FROM ("funding_lines" INNER JOIN "actors" ON ("funding_lines"."funder_id" = "actors"."id")) WHERE (("funding_lines"."project_id" = :id) AND ("funding_lines"."id" = :new_id)) ORDER BY "funding_lines"."id" ASC;
INSERT INTO "audit_log" ("occurred_at", "user_id", "api_key_id", "entity", "entity_id", "action", "before_state", "after_state") VALUES (now(), :user_id, NULL, 'funding_line', :new_id, 'create', NULL, repeat('x', 400));
COMMIT;
