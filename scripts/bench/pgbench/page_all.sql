-- GET /api/v1/projects?per_page=50&page=1..20: the statements the server
-- runs (the signed-in user, the count, the page, the page's secured funding
-- lines), as logged by PostgreSQL. The page's ids are passed on with \aset.
\set page random(1, 20)
SELECT "users"."role", "users"."actor_id" FROM "users" WHERE (("users"."id" = :user_id) AND ("users"."active" = true)) LIMIT 1;
SELECT COUNT(*) FROM "projects";
SELECT page.*, string_agg(page.id::text, ',') OVER () AS ids FROM (SELECT "projects"."id", "projects"."reference", "projects"."title", "projects"."summary", "projects"."description", "projects"."axis", "projects"."innovation_types", "projects"."phase", "projects"."suspended_from", "projects"."decision_outcome", "projects"."abandon_reason", "projects"."commission_date", "projects"."decision_date", "projects"."start_date", "projects"."planned_end_date", "projects"."actual_end_date", "projects"."lead_id", "projects"."team", "projects"."sponsor", "projects"."commune_insee", "projects"."area", "projects"."total_cost_cents", "projects"."visibility", "projects"."tags", "projects"."created_at", "projects"."updated_at", "projects"."version", "projects"."ap_cents" FROM "projects" ORDER BY "projects"."reference" ASC LIMIT 50 OFFSET (:page - 1) * 50) AS page \aset
SELECT "funding_lines"."project_id", "funding_lines"."category", "funding_lines"."status", "funding_lines"."amount_cents" FROM "funding_lines" WHERE (("funding_lines"."project_id" = ANY(CAST('{' || :ids || '}' AS BIGINT[]))) AND ("funding_lines"."status" = ANY('{granted,paid}')));
