-- GET /api/v1/network?axis=Innovation&from=2024-01-01&to=2024-12-31: the
-- user, the projects in scope, their participations, their actors, the
-- directory's size.
SELECT "users"."role", "users"."actor_id" FROM "users" WHERE (("users"."id" = :user_id) AND ("users"."active" = true)) LIMIT 1;
SELECT "projects"."id", "projects"."phase", "projects"."axis", "projects"."lead_id", "projects"."commission_date", "projects"."decision_date", "projects"."total_cost_cents", "projects"."abandon_reason" FROM "projects" WHERE ((("projects"."axis" = 'Innovation') AND ("projects"."commission_date" >= '2024-01-01')) AND ("projects"."commission_date" <= '2024-12-31'));
SELECT DISTINCT "participants"."project_id", "participants"."actor_id" FROM ("participants" INNER JOIN "projects" ON ("participants"."project_id" = "projects"."id")) WHERE ((("projects"."axis" = 'Innovation') AND ("projects"."commission_date" >= '2024-01-01')) AND ("projects"."commission_date" <= '2024-12-31')) ORDER BY "participants"."project_id" ASC, "participants"."actor_id" ASC;
SELECT DISTINCT "actors"."id", "actors"."name", "actors"."kind" FROM (("participants" INNER JOIN "actors" ON ("participants"."actor_id" = "actors"."id")) INNER JOIN "projects" ON ("participants"."project_id" = "projects"."id")) WHERE ((("projects"."axis" = 'Innovation') AND ("projects"."commission_date" >= '2024-01-01')) AND ("projects"."commission_date" <= '2024-12-31')) ORDER BY "actors"."id" ASC;
SELECT COUNT(*) FROM "actors";
