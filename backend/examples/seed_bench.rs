//! Fills a database with a large synthetic portfolio for benchmarks:
//! `cargo run --release -p backend --example seed_bench -- 10000 2000 100000`
//! (projects, actors, funding lines), on the database `DATABASE_URL` names
//! (SQLite under `DATA_DIR` when unset). Deterministic: the same counts give
//! the same data. Each project takes place in one of 34,965 communes and has
//! three participants.
//!
//! With `--in-database` (PostgreSQL only), the database generates the rows
//! itself (`INSERT … SELECT … FROM generate_series`), which writes a million
//! projects in minutes instead of streaming them from here; the values
//! follow the same distributions, drawn from a hash of the row number.

use anyhow::Context;
use backend::config::Config;
use backend::db::connection::Manager;
use backend::db::schema::{actors, funding_lines, participants, projects};
use backend::db::DbConnection;
use chrono::{Duration, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

const AXES: [&str; 5] = [
    "Développement",
    "Prospective",
    "Innovation",
    "Attractivité",
    "Investissement",
];
const PHASES: [&str; 9] = [
    "commande",
    "cadrage",
    "instruction",
    "decision",
    "realisation",
    "evaluation",
    "cloture",
    "suspendu",
    "abandonne",
];
const KINDS: [&str; 10] = [
    "company",
    "association",
    "municipality",
    "state_service",
    "region_department",
    "research_education",
    "funder",
    "chamber",
    "citizen_group",
    "other",
];
/// Communes the projects are spread over (as many as France has, roughly).
const COMMUNES: usize = 34_965;

/// A commune code shaped like an INSEE code: department, then commune.
fn commune(i: usize) -> String {
    let c = i % COMMUNES;
    format!("{:02}{:03}", 1 + c % 95, 1 + c / 95)
}

const CATEGORIES: [&str; 3] = ["city", "public", "private"];
const STATUSES: [&str; 5] = ["planned", "requested", "granted", "refused", "paid"];
const ROLES: [&str; 6] = [
    "lead",
    "partner",
    "funder",
    "beneficiary",
    "contractor",
    "expert",
];

/// Batch inserts are backend-specific in diesel: run the same statement on
/// whichever connection is behind the enum.
macro_rules! batch_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
            DbConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

/// A small deterministic generator (xorshift), enough to spread values.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % bound as u64).unwrap_or(0)
    }
}

fn count(arg: Option<String>, default: usize) -> anyhow::Result<usize> {
    arg.map_or(Ok(default), |a| {
        a.parse().context("counts are whole numbers")
    })
}

fn main() -> anyhow::Result<()> {
    let (flags, counts): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let in_database = match flags.as_slice() {
        [] => false,
        [flag] if flag == "--in-database" => true,
        _ => anyhow::bail!("the only option is --in-database"),
    };
    let mut args = counts.into_iter();
    let project_count = count(args.next(), 10_000)?;
    let actor_count = count(args.next(), 2_000)?;
    let line_count = count(args.next(), 100_000)?;
    let config = Config::from_env()?;
    backend::startup::migrate(&config)?;
    let mut conn = Manager::establish(&config.database.url)?;
    if in_database {
        let DbConnection::Postgres(pg) = &mut conn else {
            anyhow::bail!("--in-database needs PostgreSQL");
        };
        let started = std::time::Instant::now();
        generate_in_database(pg, project_count, actor_count, line_count)?;
        println!(
            "{project_count} projects, {actor_count} actors, {line_count} funding lines and {} participants generated in {} in {:.1} s",
            project_count * 3,
            config.database.url.redacted(),
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let mut random = Sequence(0x5eed_1234_abcd_9876);
    let now = Utc::now().naive_utc();
    let started = std::time::Instant::now();

    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let first_actor: i64 = actors::table
            .select(diesel::dsl::max(actors::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0)
            + 1;
        for chunk in (0..actor_count).collect::<Vec<_>>().chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|i| {
                    (
                        actors::name.eq(format!("Acteur {i:05}")),
                        actors::kind.eq(KINDS[i % KINDS.len()]),
                        actors::commune_insee.eq(Some(format!("26{:03}", i % 300))),
                        actors::tags.eq("[]"),
                        actors::created_at.eq(now),
                        actors::updated_at.eq(now),
                        actors::version.eq(1_i64),
                    )
                })
                .collect();
            batch_insert!(&mut *conn, actors::table, rows)?;
        }

        let first_project: i64 = projects::table
            .select(diesel::dsl::max(projects::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0)
            + 1;
        let base = NaiveDate::from_ymd_opt(2015, 1, 1).context("date")?;
        for chunk in (0..project_count).collect::<Vec<_>>().chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|i| {
                    let commission =
                        base + Duration::days(i64::try_from(random.below(3650)).unwrap_or(0));
                    let phase = PHASES[random.below(PHASES.len())];
                    let decided =
                        matches!(phase, "decision" | "realisation" | "evaluation" | "cloture");
                    (
                            projects::reference.eq(format!("B{}-{i:05}", commission.format("%Y"))),
                            projects::title.eq(format!("Projet de banc d'essai {i}")),
                            projects::summary.eq(Some(format!("Résumé du projet {i}"))),
                            projects::axis.eq(AXES[i % AXES.len()]),
                            projects::innovation_types.eq("[\"social\"]"),
                            projects::phase.eq(phase),
                            projects::commission_date.eq(commission),
                            projects::decision_date
                                .eq(decided
                                    .then(|| commission + Duration::days(30 + (i % 300) as i64))),
                            projects::team.eq("[]"),
                            projects::total_cost_cents
                                .eq(i64::try_from(random.below(5_000_000)).unwrap_or(0) * 100),
                            projects::visibility.eq("internal"),
                            projects::tags.eq(if i % 7 == 0 { "[\"énergie\"]" } else { "[]" }),
                            (
                                projects::commune_insee.eq(Some(commune(*i))),
                                projects::created_at.eq(now),
                                projects::updated_at.eq(now),
                                projects::version.eq(1_i64),
                            ),
                        )
                })
                .collect();
            batch_insert!(&mut *conn, projects::table, rows)?;
        }

        let project_ids = first_project..first_project + project_count as i64;
        let actor_of =
            |random: &mut Sequence| first_actor + random.below(actor_count.max(1)) as i64;
        for chunk in (0..line_count).collect::<Vec<_>>().chunks(1000) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|i| {
                    (
                        funding_lines::project_id
                            .eq(project_ids.start + (*i % project_count.max(1)) as i64),
                        funding_lines::funder_id.eq(actor_of(&mut random)),
                        funding_lines::category.eq(CATEGORIES[random.below(CATEGORIES.len())]),
                        funding_lines::amount_cents
                            .eq(i64::try_from(random.below(500_000)).unwrap_or(0) * 100),
                        funding_lines::status.eq(STATUSES[random.below(STATUSES.len())]),
                        funding_lines::created_at.eq(now),
                        funding_lines::updated_at.eq(now),
                        funding_lines::version.eq(1_i64),
                    )
                })
                .collect();
            batch_insert!(&mut *conn, funding_lines::table, rows)?;
        }

        for chunk in project_ids.clone().collect::<Vec<_>>().chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .flat_map(|project| (0..3).map(move |k| (*project, k)))
                .map(|(project, k)| {
                    (
                        participants::project_id.eq(project),
                        participants::actor_id
                            .eq(first_actor + ((project * 7 + k * 13) % actor_count.max(1) as i64)),
                        participants::role.eq(ROLES[usize::try_from(k).unwrap_or(0) % ROLES.len()]),
                        participants::created_at.eq(now),
                    )
                })
                .collect();
            batch_insert!(&mut *conn, participants::table, rows)?;
        }
        Ok(())
    })?;
    if let DbConnection::Postgres(pg) = &mut conn {
        // What autovacuum would soon do: statistics for the planner and the
        // visibility map for index-only scans.
        diesel::sql_query("VACUUM ANALYZE").execute(pg)?;
    }
    println!(
        "{project_count} projects, {actor_count} actors, {line_count} funding lines and {} participants written to {} in {:.1} s",
        project_count * 3,
        config.database.url.redacted(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `ARRAY[…]` of SQL string literals.
fn sql_array(values: &[&str]) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| format!("'{}'", v.replace('\'', "''")))
        .collect();
    format!("ARRAY[{}]", quoted.join(","))
}

/// The same portfolio as the streamed one, generated by PostgreSQL: each
/// value is drawn from `hashint8` of the row number, so the data is
/// deterministic too. Rows are numbered from the current largest ids.
fn generate_in_database(
    conn: &mut diesel::PgConnection,
    projects: usize,
    actors: usize,
    lines: usize,
) -> anyhow::Result<()> {
    let as_i64 = |n: usize| i64::try_from(n).context("count too large");
    let (projects, actors, lines) = (as_i64(projects)?, as_i64(actors)?, as_i64(lines)?.max(0));
    let communes = as_i64(COMMUNES)?;
    let kinds = sql_array(&KINDS);
    let axes = sql_array(&AXES);
    let phases = sql_array(&PHASES);
    let categories = sql_array(&CATEGORIES);
    let statuses = sql_array(&STATUSES);
    let roles = sql_array(&ROLES);
    // h(g, salt): a non-negative pseudo-random number for row g.
    let h = |salt: u32| format!("abs(hashint8(g * 16 + {salt})::bigint)");
    let commune = format!(
        "lpad((1 + (g % {communes}) % 95)::text, 2, '0') || lpad((1 + (g % {communes}) / 95)::text, 3, '0')"
    );
    let statements = [
        format!(
            "INSERT INTO actors (name, kind, commune_insee, tags, created_at, updated_at, version)
             SELECT 'Acteur ' || lpad(g::text, 6, '0'), ({kinds})[1 + g % 10], {commune},
                    '[]', now(), now(), 1
             FROM generate_series(0, $1 - 1) AS g"
        ),
        format!(
            "INSERT INTO projects (reference, title, summary, axis, innovation_types, phase,
                 commission_date, decision_date, team, commune_insee, total_cost_cents,
                 visibility, tags, created_at, updated_at, version)
             SELECT 'G' || extract(year FROM d)::int || '-' || lpad(g::text, 7, '0'),
                    'Projet de banc d''essai ' || g, 'Résumé du projet ' || g,
                    ({axes})[1 + g % 5], '[\"social\"]', phase, d,
                    CASE WHEN phase IN ('decision', 'realisation', 'evaluation', 'cloture')
                         THEN d + (30 + g % 300)::int END,
                    '[]', {commune}, ({} % 5000000) * 100, 'internal',
                    CASE WHEN g % 7 = 0 THEN '[\"énergie\"]' ELSE '[]' END, now(), now(), 1
             FROM generate_series(0, $1 - 1) AS g,
                  LATERAL (SELECT date '2015-01-01' + ({} % 3650)::int AS d,
                                  ({phases})[1 + {} % 9] AS phase) AS drawn",
            h(1),
            h(2),
            h(3)
        ),
        format!(
            "INSERT INTO funding_lines (project_id, funder_id, category, amount_cents, status,
                 created_at, updated_at, version)
             SELECT p.first + g % $1, a.first + {} % $2, ({categories})[1 + {} % 3],
                    ({} % 500000) * 100, ({statuses})[1 + {} % 5], now(), now(), 1
             FROM generate_series(0, $3 - 1) AS g,
                  (SELECT min(id) AS first FROM (SELECT id FROM projects ORDER BY id DESC LIMIT $1) AS l) AS p,
                  (SELECT min(id) AS first FROM (SELECT id FROM actors ORDER BY id DESC LIMIT $2) AS l) AS a",
            h(4),
            h(5),
            h(6),
            h(7)
        ),
        format!(
            "INSERT INTO participants (project_id, actor_id, role, created_at)
             SELECT p.first + g, a.first + ((p.first + g) * 7 + k * 13) % $2, ({roles})[1 + k], now()
             FROM generate_series(0, $1 - 1) AS g, generate_series(0, 2) AS k,
                  (SELECT min(id) AS first FROM (SELECT id FROM projects ORDER BY id DESC LIMIT $1) AS l) AS p,
                  (SELECT min(id) AS first FROM (SELECT id FROM actors ORDER BY id DESC LIMIT $2) AS l) AS a"
        ),
    ];
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let [actors_sql, projects_sql, lines_sql, participants_sql] = &statements;
        diesel::sql_query(actors_sql)
            .bind::<BigInt, _>(actors)
            .execute(conn)?;
        diesel::sql_query(projects_sql)
            .bind::<BigInt, _>(projects)
            .execute(conn)?;
        diesel::sql_query(lines_sql)
            .bind::<BigInt, _>(projects)
            .bind::<BigInt, _>(actors)
            .bind::<BigInt, _>(lines)
            .execute(conn)?;
        diesel::sql_query(participants_sql)
            .bind::<BigInt, _>(projects)
            .bind::<BigInt, _>(actors)
            .execute(conn)?;
        Ok(())
    })?;
    diesel::sql_query("VACUUM ANALYZE").execute(conn)?;
    Ok(())
}
