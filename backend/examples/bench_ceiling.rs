//! The database's ceiling for the read requests of the benchmark, without
//! the server: the data-access functions the handlers call (the same diesel
//! queries and row decoding: user lookup, then the request's queries), run
//! in a loop by THREADS threads with a connection each, for SECONDS.
//! No HTTP, JSON, connection pool or token check, and no computation of
//! the dashboard's, the network's and the programme's figures from the
//! rows read.
//!
//! `bench_ceiling MIX THREADS SECONDS FIRST_PROJECT PROJECTS USER_ID` on the
//! database `DATABASE_URL` names (SQLite under `DATA_DIR` when unset). MIX
//! weighs the kinds as `scripts/bench/reads.lua` does, e.g.
//! `page:45,project:45,dashboard:5,network:5` (and `programme`, the
//! whole portfolio's plan). Prints one JSON line.

use anyhow::Context;
use backend::config::Config;
use backend::db::connection::Manager;
use backend::db::DbConnection;
use backend::error::ApiResult;
use backend::portfolio::facts::{self, Scope};
use backend::projects::repo::{self, ProjectFilter};
use shared::ids::{ProjectId, UserId};
use shared::lifecycle::Phase;
use shared::pagination::{PageParams, SortSpec};
use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
enum Kind {
    Page,
    Filtered,
    Project,
    Dashboard,
    Network,
    Programme,
}

/// A small deterministic generator (xorshift).
struct Sequence(u64);

impl Sequence {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

fn page(conn: &mut DbConnection, filtered: bool, number: u32) -> ApiResult<()> {
    let page = PageParams {
        page: number,
        per_page: 50,
    };
    let (filter, sort) = if filtered {
        (
            ProjectFilter {
                phase: Some(Phase::Realisation),
                axis: Some("Innovation".into()),
                ..ProjectFilter::default()
            },
            SortSpec {
                field: "total_cost_cents".into(),
                descending: true,
            },
        )
    } else {
        (
            ProjectFilter::default(),
            SortSpec {
                field: "reference".into(),
                descending: false,
            },
        )
    };
    repo::list(conn, &filter, &sort, Some(page))?;
    Ok(())
}

fn dashboard(conn: &mut DbConnection) -> ApiResult<()> {
    let scope = Scope::default();
    facts::tallies(conn, &scope)?;
    backend::settings::axes(conn)?;
    facts::secured_by_category(conn, &scope)?;
    facts::actors_engaged(conn, &scope)?;
    facts::overdue_milestones_in(conn, &scope, chrono::Utc::now().date_naive())?;
    facts::ex_ante_scores(conn, &scope)?;
    facts::indicator_statuses(conn, &scope)?;
    facts::paid_by_year(conn, &scope)?;
    backend::programming::capacity::investment_capacity(conn)?;
    Ok(())
}

/// The whole portfolio's network, or with BENCH_NETWORK_SCOPED=1 the one of
/// `scripts/bench/reads.lua` (Innovation, commissioned in 2024).
fn network(conn: &mut DbConnection) -> ApiResult<()> {
    let scope = if std::env::var("BENCH_NETWORK_SCOPED").is_ok_and(|v| v == "1") {
        Scope {
            axis: Some("Innovation".into()),
            from: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2024, 12, 31),
            ..Scope::default()
        }
    } else {
        Scope::default()
    };
    facts::projects(conn, &scope)?;
    facts::participations(conn, &scope)?;
    facts::actors(conn, &scope)?;
    facts::actor_count(conn)?;
    Ok(())
}

/// What the handler of that kind of request asks the database.
fn request(
    setup: &Setup,
    conn: &mut DbConnection,
    random: &mut Sequence,
    kind: Kind,
) -> ApiResult<()> {
    // The account check every signed-in request makes.
    backend::users::repo::standing(conn, setup.user)?;
    match kind {
        Kind::Page => {
            if random.below(2) == 0 {
                page(conn, false, 1 + random.below(20) as u32)
            } else {
                page(conn, true, 1 + random.below(4) as u32)
            }
        }
        Kind::Filtered => page(conn, true, 1),
        Kind::Project => {
            let id = ProjectId(setup.first_project + random.below(setup.projects) as i64);
            repo::get(conn, id)?;
            Ok(())
        }
        Kind::Dashboard => dashboard(conn),
        Kind::Network => network(conn),
        // What the programme is computed from, for every project.
        Kind::Programme => {
            backend::programming::plan::load(conn, &ProjectFilter::default())?;
            Ok(())
        }
    }
}

struct Setup {
    kinds: Vec<(Kind, u64)>,
    total_weight: u64,
    first_project: i64,
    projects: u64,
    user: UserId,
    until: Instant,
}

fn run(setup: &Setup, conn: &mut DbConnection, seed: u64) -> anyhow::Result<Vec<u32>> {
    let mut random = Sequence(0x9e37_79b9_7f4a_7c15 ^ seed);
    let mut latencies = Vec::new();
    while Instant::now() < setup.until {
        let mut draw = random.below(setup.total_weight);
        let mut kind = Kind::Project;
        for (k, weight) in &setup.kinds {
            if draw < *weight {
                kind = *k;
                break;
            }
            draw -= weight;
        }
        let started = Instant::now();
        request(setup, conn, &mut random, kind).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        latencies.push(u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX));
    }
    Ok(latencies)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mix, threads, seconds, first_project, projects, user] = args.as_slice() else {
        anyhow::bail!("usage: bench_ceiling MIX THREADS SECONDS FIRST_PROJECT PROJECTS USER_ID");
    };
    let mut kinds = Vec::new();
    for part in mix.split(',') {
        let (name, weight) = part.split_once(':').context("MIX is kind:weight,…")?;
        let kind = match name {
            "page" => Kind::Page,
            "filtered" => Kind::Filtered,
            "project" => Kind::Project,
            "dashboard" => Kind::Dashboard,
            "network" => Kind::Network,
            "programme" => Kind::Programme,
            other => anyhow::bail!("unknown kind {other}"),
        };
        kinds.push((
            kind,
            weight.parse::<u64>().context("weights are whole numbers")?,
        ));
    }
    let threads: u64 = threads.parse().context("THREADS")?;
    let seconds: f64 = seconds.parse().context("SECONDS")?;
    let config = Config::from_env()?;
    let setup = Setup {
        total_weight: kinds.iter().map(|(_, w)| w).sum(),
        kinds,
        first_project: first_project.parse().context("FIRST_PROJECT")?,
        projects: projects.parse().context("PROJECTS")?,
        user: UserId(user.parse().context("USER_ID")?),
        until: Instant::now() + Duration::from_secs_f64(seconds),
    };
    let started = Instant::now();
    let mut latencies: Vec<u32> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|seed| {
                let setup = &setup;
                let url = &config.database.url;
                scope.spawn(move || -> anyhow::Result<Vec<u32>> {
                    let mut conn = Manager::establish(url)?;
                    run(setup, &mut conn, seed + 1)
                })
            })
            .collect();
        let mut all = Vec::new();
        for worker in workers {
            let done = worker
                .join()
                .map_err(|_| anyhow::anyhow!("a worker panicked"))??;
            all.extend(done);
        }
        Ok::<_, anyhow::Error>(all)
    })?;
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let rank = |p: usize| {
        latencies
            .get((latencies.len() * p).div_ceil(100).saturating_sub(1))
            .map_or(0.0, |us| f64::from(*us) / 1000.0)
    };
    println!(
        "{{\"requests\":{},\"requests_per_s\":{:.1},\"p50_ms\":{:.3},\"p99_ms\":{:.3}}}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        rank(50),
        rank(99)
    );
    Ok(())
}
