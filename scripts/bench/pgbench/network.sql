-- GET /api/v1/network: the user, every project's facts, the participations,
-- the directory and its size.
SELECT "users"."role", "users"."actor_id" FROM "users" WHERE (("users"."id" = :user_id) AND ("users"."active" = true)) LIMIT 1;
SELECT "projects"."id", "projects"."phase", "projects"."axis", "projects"."lead_id", "projects"."commission_date", "projects"."decision_date", "projects"."total_cost_cents", "projects"."abandon_reason" FROM "projects";
SELECT DISTINCT "participants"."project_id", "participants"."actor_id" FROM "participants" ORDER BY "participants"."project_id" ASC, "participants"."actor_id" ASC;
SELECT "actors"."id", "actors"."name", "actors"."kind" FROM "actors" ORDER BY "actors"."id" ASC;
SELECT COUNT(*) FROM "actors";
