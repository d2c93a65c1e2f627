//! Fills a database with a large synthetic portfolio for benchmarks:
//! `cargo run --release -p backend --example seed_bench -- 10000 2000 100000`
//! (projects, actors, funding lines), on the database `DATABASE_URL` names
//! (SQLite under `DATA_DIR` when unset). Deterministic: the same counts give
//! the same data. Each project takes place in one of 34,965 communes and has
//! three participants. Its money over time follows the rules of
//! `shared::programming`: a decided project has an AP (one vote, its cost
//! and 5 %); every project not abandoned has CP over two to five years from
//! its commission year (2015 to 2028, most of them within 2015–2026), paid
//! in the past years once decided; each funding line that is not the
//! town's own nor refused expects its amount over one to three years,
//! received when paid (or granted, for the past years).
//!
//! With `--in-database` (PostgreSQL only), the database generates the rows
//! itself (`INSERT … SELECT … FROM generate_series`), which writes a million
//! projects in minutes instead of streaming them from here; the values
//! follow the same distributions, drawn from a hash of the row number.

use anyhow::Context;
use backend::config::Config;
use backend::db::connection::Manager;
use backend::db::schema::{
    actors, ap_revisions, funding_lines, funding_schedules, participants, payment_credits, projects,
};
use backend::db::DbConnection;
use chrono::{Duration, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use shared::programming::{CreditYear, FundingSchedule, PaymentCredits, ScheduleYear};

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
/// The year in progress in the accounts: CP and receipts before it are
/// paid, after it planned.
const BUDGET_YEAR: i32 = 2026;

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
            "{project_count} projects, {actor_count} actors, {line_count} funding lines and {} participants, with their AP, CP and receipts, generated in {} in {:.1} s",
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
        let mut money: Vec<ProjectMoney> = Vec::with_capacity(project_count);
        for chunk in (0..project_count).collect::<Vec<_>>().chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|i| {
                    let commission =
                        base + Duration::days(i64::try_from(random.below(3650)).unwrap_or(0));
                    let phase = PHASES[random.below(PHASES.len())];
                    let decided =
                        matches!(phase, "decision" | "realisation" | "evaluation" | "cloture");
                    let decision_date =
                        decided.then(|| commission + Duration::days(30 + (i % 300) as i64));
                    let cost = i64::try_from(random.below(5_000_000)).unwrap_or(0) * 100;
                    let project = ProjectMoney {
                        commission,
                        decision_date,
                        abandoned: phase == "abandonne",
                        cost,
                        ap_cents: decided.then_some(cost * 105 / 100),
                    };
                    let ap_cents = project.ap_cents;
                    money.push(project);
                    (
                        projects::reference.eq(format!("B{}-{i:05}", commission.format("%Y"))),
                        projects::title.eq(format!("Projet de banc d'essai {i}")),
                        projects::summary.eq(Some(format!("Résumé du projet {i}"))),
                        projects::axis.eq(AXES[i % AXES.len()]),
                        projects::innovation_types.eq("[\"social\"]"),
                        projects::phase.eq(phase),
                        projects::commission_date.eq(commission),
                        projects::decision_date.eq(decision_date),
                        projects::team.eq("[]"),
                        projects::total_cost_cents.eq(cost),
                        projects::visibility.eq("internal"),
                        projects::tags.eq(if i % 7 == 0 { "[\"énergie\"]" } else { "[]" }),
                        (
                            projects::commune_insee.eq(Some(commune(*i))),
                            projects::ap_cents.eq(ap_cents),
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
        write_money(conn, first_project, &money, now)
    })?;
    if let DbConnection::Postgres(pg) = &mut conn {
        // What autovacuum would soon do: statistics for the planner and the
        // visibility map for index-only scans.
        diesel::sql_query("VACUUM ANALYZE").execute(pg)?;
    }
    println!(
        "{project_count} projects, {actor_count} actors, {line_count} funding lines and {} participants, with their AP, CP and receipts, written to {} in {:.1} s",
        project_count * 3,
        config.database.url.redacted(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What a project's money over time is drawn from.
struct ProjectMoney {
    commission: NaiveDate,
    decision_date: Option<NaiveDate>,
    abandoned: bool,
    cost: i64,
    ap_cents: Option<i64>,
}

/// What of a year's amount was paid (or received) by the accounts' date:
/// all of it before [`BUDGET_YEAR`], nine tenths during it, none after.
fn paid_of(year: i32, amount: i64) -> i64 {
    match year.cmp(&BUDGET_YEAR) {
        std::cmp::Ordering::Less => amount,
        std::cmp::Ordering::Equal => amount * 9 / 10,
        std::cmp::Ordering::Greater => 0,
    }
}

/// `amount` over `years` years from `first`, the last taking the remainder.
fn split(amount: i64, first: i32, years: i32) -> impl Iterator<Item = (i32, i64)> {
    let share = amount / i64::from(years.max(1));
    (0..years.max(1)).map(move |k| {
        let last = k == years.max(1) - 1;
        let value = if last {
            amount - share * i64::from(years.max(1) - 1)
        } else {
            share
        };
        (first + k, value)
    })
}

/// The AP votes, CP and funding schedules of the projects just written
/// (ids from `first_project`, in the order of `money`), each checked by
/// the rules the API applies.
fn write_money(
    conn: &mut DbConnection,
    first_project: i64,
    money: &[ProjectMoney],
    now: chrono::NaiveDateTime,
) -> anyhow::Result<()> {
    use chrono::Datelike;
    let mut random = Sequence(0x0a9c_2b4d_6e8f_1357);
    let id_of = |k: usize| first_project + k as i64;

    let votes: Vec<_> = money
        .iter()
        .enumerate()
        .filter_map(|(k, p)| Some((k, p.ap_cents?, p.decision_date?)))
        .map(|(k, amount, voted_on)| {
            (
                ap_revisions::project_id.eq(id_of(k)),
                ap_revisions::amount_cents.eq(amount),
                ap_revisions::voted_on.eq(voted_on),
                ap_revisions::deliberation_ref.eq(format!("DEL-{}-{k:05}", voted_on.year())),
                ap_revisions::created_at.eq(now),
            )
        })
        .collect();
    for chunk in votes.chunks(1000) {
        batch_insert!(&mut *conn, ap_revisions::table, chunk.to_vec())?;
    }

    let mut credits = Vec::new();
    for (k, project) in money.iter().enumerate() {
        if project.abandoned {
            continue;
        }
        let years = 2 + random.below(4) as i32;
        let planned = PaymentCredits {
            years: split(project.cost, project.commission.year(), years)
                .map(|(year, planned_cents)| CreditYear {
                    year,
                    planned_cents,
                    paid_cents: if project.ap_cents.is_some() {
                        paid_of(year, planned_cents)
                    } else {
                        0
                    },
                })
                .collect(),
        };
        let problems = planned.check(project.ap_cents);
        anyhow::ensure!(problems.is_empty(), "project {k}'s CP: {problems:?}");
        credits.extend(planned.years.into_iter().map(|c| {
            (
                payment_credits::project_id.eq(id_of(k)),
                payment_credits::year.eq(c.year),
                payment_credits::planned_cents.eq(c.planned_cents),
                payment_credits::paid_cents.eq(c.paid_cents),
            )
        }));
    }
    for chunk in credits.chunks(1000) {
        batch_insert!(&mut *conn, payment_credits::table, chunk.to_vec())?;
    }

    let last_project = id_of(money.len()) - 1;
    let lines: Vec<(i64, i64, String, String, i64)> = funding_lines::table
        .filter(funding_lines::project_id.between(first_project, last_project))
        .order(funding_lines::id)
        .select((
            funding_lines::id,
            funding_lines::project_id,
            funding_lines::category,
            funding_lines::status,
            funding_lines::amount_cents,
        ))
        .load(conn)?;
    let mut schedules = Vec::new();
    for (line, project, category, status, amount) in lines {
        if category == "city" || status == "refused" {
            continue;
        }
        let Some(owner) = usize::try_from(project - first_project)
            .ok()
            .and_then(|k| money.get(k))
        else {
            continue;
        };
        let years = 1 + random.below(3) as i32;
        let schedule = FundingSchedule {
            years: split(amount, owner.commission.year() + 1, years)
                .map(|(year, expected_cents)| ScheduleYear {
                    year,
                    expected_cents,
                    received_cents: match status.as_str() {
                        "paid" => expected_cents,
                        "granted" => paid_of(year, expected_cents),
                        _ => 0,
                    },
                })
                .collect(),
        };
        let problems = schedule.check(amount);
        anyhow::ensure!(problems.is_empty(), "line {line}'s schedule: {problems:?}");
        schedules.extend(schedule.years.into_iter().map(|s| {
            (
                funding_schedules::funding_line_id.eq(line),
                funding_schedules::year.eq(s.year),
                funding_schedules::expected_cents.eq(s.expected_cents),
                funding_schedules::received_cents.eq(s.received_cents),
            )
        }));
    }
    for chunk in schedules.chunks(1000) {
        batch_insert!(&mut *conn, funding_schedules::table, chunk.to_vec())?;
    }
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
                 ap_cents, visibility, tags, created_at, updated_at, version)
             SELECT 'G' || extract(year FROM d)::int || '-' || lpad(g::text, 7, '0'),
                    'Projet de banc d''essai ' || g, 'Résumé du projet ' || g,
                    ({axes})[1 + g % 5], '[\"social\"]', phase, d,
                    CASE WHEN phase IN ('decision', 'realisation', 'evaluation', 'cloture')
                         THEN d + (30 + g % 300)::int END,
                    '[]', {commune}, cost,
                    CASE WHEN phase IN ('decision', 'realisation', 'evaluation', 'cloture')
                         THEN cost * 105 / 100 END,
                    'internal', CASE WHEN g % 7 = 0 THEN '[\"énergie\"]' ELSE '[]' END, now(), now(), 1
             FROM generate_series(0, $1 - 1) AS g,
                  LATERAL (SELECT date '2015-01-01' + ({} % 3650)::int AS d,
                                  ({phases})[1 + {} % 9] AS phase,
                                  ({} % 5000000) * 100 AS cost) AS drawn",
            h(2),
            h(3),
            h(1)
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
        // Money over time, as the streamed portfolio has it: one AP vote
        // per decided project, CP over two to five years from the
        // commission year, each line's receipts over one to three years
        // from the next.
        "INSERT INTO ap_revisions (project_id, amount_cents, voted_on, deliberation_ref, created_at)
         SELECT id, ap_cents, decision_date,
                'DEL-' || extract(year FROM decision_date)::int || '-' || lpad(id::text, 7, '0'), now()
         FROM (SELECT id, ap_cents, decision_date FROM projects ORDER BY id DESC LIMIT $1) AS p
         WHERE ap_cents IS NOT NULL"
            .to_owned(),
        format!(
            "INSERT INTO payment_credits (project_id, year, planned_cents, paid_cents)
             SELECT p.id, c.year, c.planned,
                    CASE WHEN p.ap_cents IS NULL OR c.year > {BUDGET_YEAR} THEN 0
                         WHEN c.year = {BUDGET_YEAR} THEN c.planned * 9 / 10
                         ELSE c.planned END
             FROM (SELECT id, total_cost_cents, ap_cents, phase,
                          extract(year FROM commission_date)::int AS first_year,
                          2 + abs(hashint8(id * 16 + 8)::bigint) % 4 AS n
                   FROM projects ORDER BY id DESC LIMIT $1) AS p,
                  LATERAL generate_series(0, p.n - 1) AS k,
                  LATERAL (SELECT p.first_year + k::int AS year,
                                  CASE WHEN k = p.n - 1
                                       THEN p.total_cost_cents - p.total_cost_cents / p.n * (p.n - 1)
                                       ELSE p.total_cost_cents / p.n END AS planned) AS c
             WHERE p.phase <> 'abandonne'"
        ),
        format!(
            "INSERT INTO funding_schedules (funding_line_id, year, expected_cents, received_cents)
             SELECT l.id, s.year, s.expected,
                    CASE WHEN l.status = 'paid' THEN s.expected
                         WHEN l.status <> 'granted' OR s.year > {BUDGET_YEAR} THEN 0
                         WHEN s.year = {BUDGET_YEAR} THEN s.expected * 9 / 10
                         ELSE s.expected END
             FROM (SELECT f.id, f.status, f.amount_cents,
                          extract(year FROM p.commission_date)::int + 1 AS first_year,
                          1 + abs(hashint8(f.id * 16 + 9)::bigint) % 3 AS n
                   FROM funding_lines AS f JOIN projects AS p ON p.id = f.project_id
                   WHERE f.project_id >= (SELECT min(id) FROM (SELECT id FROM projects ORDER BY id DESC LIMIT $1) AS latest)
                     AND f.category <> 'city' AND f.status <> 'refused') AS l,
                  LATERAL generate_series(0, l.n - 1) AS k,
                  LATERAL (SELECT l.first_year + k::int AS year,
                                  CASE WHEN k = l.n - 1
                                       THEN l.amount_cents - l.amount_cents / l.n * (l.n - 1)
                                       ELSE l.amount_cents / l.n END AS expected) AS s"
        ),
    ];
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let [actors_sql, projects_sql, lines_sql, participants_sql, money @ ..] = &statements;
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
        for statement in money {
            diesel::sql_query(statement)
                .bind::<BigInt, _>(projects)
                .execute(conn)?;
        }
        Ok(())
    })?;
    diesel::sql_query("VACUUM ANALYZE").execute(conn)?;
    Ok(())
}
