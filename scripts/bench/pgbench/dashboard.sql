-- GET /api/v1/dashboard: the user, then each figure's query (the projects
-- counted by phase, axis and abandonment reason; the decided ones by year
-- and instruction time; secured funding; actors engaged; overdue
-- milestones; ex-ante scores; indicators; CP paid by year and the town's
-- capacity, for the investment capacity ratio).
SELECT "users"."role", "users"."actor_id" FROM "users" WHERE (("users"."id" = :user_id) AND ("users"."active" = true)) LIMIT 1;
SELECT "projects"."phase", "projects"."axis", "projects"."abandon_reason", COUNT(*), CAST(COALESCE(SUM(projects.total_cost_cents), 0) AS BIGINT) FROM "projects" GROUP BY "projects"."phase", "projects"."axis", "projects"."abandon_reason";
SELECT CAST(EXTRACT(YEAR FROM projects.decision_date) AS INTEGER), CAST(projects.decision_date - projects.commission_date AS BIGINT), projects.phase, COUNT(*), CAST(COALESCE(SUM(projects.total_cost_cents), 0) AS BIGINT) FROM "projects" WHERE ("projects"."decision_date" IS NOT NULL) GROUP BY CAST(EXTRACT(YEAR FROM projects.decision_date) AS INTEGER), CAST(projects.decision_date - projects.commission_date AS BIGINT), projects.phase;
SELECT "settings"."value" FROM "settings" WHERE ("settings"."key" = 'axes') LIMIT 1;
SELECT "funding_lines"."category", CAST(SUM(funding_lines.amount_cents) AS BIGINT) FROM ("funding_lines" INNER JOIN "projects" ON ("funding_lines"."project_id" = "projects"."id")) WHERE (("funding_lines"."status" = ANY('{granted,paid}')) AND ("projects"."phase" != 'abandonne')) GROUP BY "funding_lines"."category";
SELECT COUNT(DISTINCT participants.actor_id) FROM ("participants" INNER JOIN "projects" ON ("participants"."project_id" = "projects"."id"));
SELECT COUNT(*) FROM ("milestones" INNER JOIN "projects" ON ("milestones"."project_id" = "projects"."id")) WHERE ((("milestones"."done_date" IS NULL) AND ("milestones"."due_date" < CURRENT_DATE)) AND ("projects"."phase" != ALL('{cloture,abandonne}')));
SELECT "evaluations"."project_id", "evaluations"."weighted_score" FROM ("evaluations" INNER JOIN "projects" ON ("evaluations"."project_id" = "projects"."id")) WHERE (("evaluations"."kind" = 'ex_ante') AND ("evaluations"."status" = 'submitted'));
SELECT "indicators"."id", "indicators"."project_id", "indicators"."name", "indicators"."unit", "indicators"."level", "indicators"."direction", "indicators"."description", "indicators"."baseline_value", "indicators"."baseline_date", "indicators"."target_value", "indicators"."target_date", "indicators"."created_at", "indicators"."updated_at", "indicators"."version" FROM ("indicators" INNER JOIN "projects" ON ("indicators"."project_id" = "projects"."id"));
SELECT "payment_credits"."year", CAST(SUM(payment_credits.paid_cents) AS BIGINT) FROM ("payment_credits" INNER JOIN "projects" ON ("payment_credits"."project_id" = "projects"."id")) GROUP BY "payment_credits"."year";
SELECT "settings"."value" FROM "settings" WHERE ("settings"."key" = 'investment_capacity') LIMIT 1;
