-- GET /api/v1/programming?from=2015&to=2026: the user, then what the
-- programme is computed from (backend/src/programming/plan.rs), over the
-- whole portfolio: the projects, their CP, their funding lines (the
-- funders' success rates are counted from them), the lines' schedules, the
-- town's capacity.
SELECT "users"."role", "users"."actor_id" FROM "users" WHERE (("users"."id" = :user_id) AND ("users"."active" = true)) LIMIT 1;
SELECT "projects"."id", "projects"."reference", "projects"."title", "projects"."phase", "projects"."axis", "projects"."ap_cents", "projects"."version" FROM "projects" ORDER BY "projects"."reference" ASC;
SELECT "payment_credits"."project_id", "payment_credits"."year", "payment_credits"."planned_cents", "payment_credits"."paid_cents" FROM "payment_credits";
SELECT "funding_lines"."id", "funding_lines"."project_id", "funding_lines"."funder_id", "funding_lines"."category", "funding_lines"."status" FROM "funding_lines";
SELECT "funding_schedules"."funding_line_id", "funding_schedules"."year", "funding_schedules"."expected_cents", "funding_schedules"."received_cents" FROM "funding_schedules";
SELECT "settings"."value" FROM "settings" WHERE ("settings"."key" = 'investment_capacity') LIMIT 1;
