//! Fills a database with a large synthetic portfolio for benchmarks:
//! `cargo run --release -p backend --example seed_bench -- 10000 2000 100000`
//! (projects, actors, funding lines), on the database `DATABASE_URL` names
//! (SQLite under `DATA_DIR` when unset). Deterministic: the same counts give
//! the same data.

use anyhow::Context;
use backend::config::Config;
use backend::db::connection::Manager;
use backend::db::schema::{actors, funding_lines, participants, projects};
use backend::db::DbConnection;
use chrono::{Duration, NaiveDate, Utc};
use diesel::prelude::*;

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
    let mut args = std::env::args().skip(1);
    let project_count = count(args.next(), 10_000)?;
    let actor_count = count(args.next(), 2_000)?;
    let line_count = count(args.next(), 100_000)?;
    let config = Config::from_env()?;
    backend::startup::migrate(&config)?;
    let mut conn = Manager::establish(&config.database.url)?;
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
    println!(
        "{project_count} projects, {actor_count} actors, {line_count} funding lines and {} participants written to {} in {:.1} s",
        project_count * 3,
        config.database.url.redacted(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
