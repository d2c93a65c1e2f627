//! The delivery worker: every few moments it takes the deliveries that are
//! due, claims each one, sends it, and records the outcome. A 2xx answer
//! delivers; anything else is retried after a delay that doubles each time
//! (capped), until the last attempt fails the delivery.
//!
//! Several instances may share the database: a delivery is claimed by
//! moving its `next_attempt_at` to a lease's end, only if it still holds
//! the value this worker read. One instance wins; the others see nothing
//! changed and skip it. If the process stops mid-send, the lease expires
//! and the delivery is due again: receivers may see a delivery twice, never
//! zero times (the event `id` tells duplicates apart).

use super::{address, signature};
use crate::config::WebhookConfig;
use crate::db::schema::{webhook_deliveries, webhook_events, webhooks};
use crate::db::{Database, DbConnection};
use crate::error::ApiResult;
use crate::records::now;
use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use shared::ids::DeliveryId;
use shared::webhooks::{DeliveryStatus, WebhookEvent, WebhookSettings};
use std::net::IpAddr;
use std::time::Duration;

/// Deliveries claimed per round.
const BATCH: i64 = 20;
/// Longest `last_error` kept.
const ERROR_MAX_CHARS: usize = 500;

/// Starts the worker on the current runtime.
pub fn spawn(db: Database, config: WebhookConfig) {
    actix_web::rt::spawn(async move {
        let mut ticks = tokio::time::interval(config.poll_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = deliver_due(&db, &config).await {
                // The database may be briefly unreachable: the next round
                // tries again, and nothing due is lost meanwhile.
                tracing::warn!(error = %error.message, "webhook deliveries: round failed");
            }
        }
    });
}

/// A claimed delivery, with what sending it needs.
struct Job {
    id: DeliveryId,
    /// The lease this worker holds: the outcome is recorded only if the
    /// delivery still carries it.
    lease: NaiveDateTime,
    attempts: i32,
    url: String,
    secret: String,
    active: bool,
    event_id: i64,
    event: WebhookEvent,
    payload: String,
    occurred_at: NaiveDateTime,
}

enum Outcome {
    Delivered(u16),
    Failed {
        status_code: Option<u16>,
        error: String,
    },
    /// The subscription was deactivated: what is pending is given up.
    Abandoned(String),
}

/// One round: claims the due deliveries and sends them concurrently.
/// Returns how many were claimed.
pub async fn deliver_due(db: &Database, config: &WebhookConfig) -> ApiResult<usize> {
    let due: Vec<(DeliveryId, Option<NaiveDateTime>)> = db
        .read(|conn| {
            Ok(webhook_deliveries::table
                .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
                .filter(webhook_deliveries::next_attempt_at.le(now()))
                .order((
                    webhook_deliveries::next_attempt_at.asc(),
                    webhook_deliveries::id.asc(),
                ))
                .select((webhook_deliveries::id, webhook_deliveries::next_attempt_at))
                .limit(BATCH)
                .load(conn)?)
        })
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let settings = db.read(crate::settings::webhook_settings).await?;
    let lease = lease_length(config);
    let mut sending = tokio::task::JoinSet::new();
    for (id, seen) in due {
        let Some(seen) = seen else { continue };
        let job = db.write(move |conn| claim(conn, id, seen, lease)).await?;
        if let Some(job) = job {
            let (db, config) = (db.clone(), config.clone());
            sending.spawn(async move { attempt(&db, &config, settings, job).await });
        }
    }
    let mut claimed = 0;
    while let Some(done) = sending.join_next().await {
        claimed += 1;
        match done {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::warn!(error = %error.message, "webhook delivery: outcome not recorded");
            }
            Err(error) => tracing::error!(%error, "webhook delivery task failed"),
        }
    }
    Ok(claimed)
}

/// Long enough for a whole attempt (lookup, connection, answer).
fn lease_length(config: &WebhookConfig) -> chrono::Duration {
    chrono::Duration::from_std(config.timeout + Duration::from_secs(60))
        .unwrap_or_else(|_| chrono::Duration::minutes(10))
}

/// Times are compared for equality after a round trip through the
/// database, which keeps microseconds (PostgreSQL) at best.
fn stored_time(at: NaiveDateTime) -> NaiveDateTime {
    at.trunc_subsecs(6)
}

fn claim(
    conn: &mut DbConnection,
    id: DeliveryId,
    seen: NaiveDateTime,
    lease: chrono::Duration,
) -> ApiResult<Option<Job>> {
    let lease_end = stored_time(now() + lease);
    let won = diesel::update(
        webhook_deliveries::table
            .find(id)
            .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
            .filter(webhook_deliveries::next_attempt_at.eq(seen)),
    )
    .set(webhook_deliveries::next_attempt_at.eq(lease_end))
    .execute(conn)?;
    if won == 0 {
        return Ok(None);
    }
    let row: (
        i32,
        String,
        String,
        bool,
        i64,
        WebhookEvent,
        String,
        NaiveDateTime,
    ) = webhook_deliveries::table
        .inner_join(webhooks::table)
        .inner_join(webhook_events::table)
        .filter(webhook_deliveries::id.eq(id))
        .select((
            webhook_deliveries::attempts,
            webhooks::url,
            webhooks::secret,
            webhooks::active,
            webhook_events::id,
            webhook_events::event,
            webhook_events::payload,
            webhook_events::created_at,
        ))
        .first(conn)?;
    let (attempts, url, secret, active, event_id, event, payload, occurred_at) = row;
    Ok(Some(Job {
        id,
        lease: lease_end,
        attempts,
        url,
        secret,
        active,
        event_id,
        event,
        payload,
        occurred_at,
    }))
}

async fn attempt(
    db: &Database,
    config: &WebhookConfig,
    settings: WebhookSettings,
    job: Job,
) -> ApiResult<()> {
    let outcome = if job.active {
        send(config, settings, &job).await
    } else {
        Outcome::Abandoned("the subscription is inactive".into())
    };
    match &outcome {
        Outcome::Delivered(code) => {
            tracing::info!(delivery = %job.id, event = %job.event, status = code, "webhook delivered");
        }
        Outcome::Failed { error, .. } | Outcome::Abandoned(error) => {
            tracing::warn!(delivery = %job.id, event = %job.event, attempt = job.attempts + 1, %error, "webhook delivery failed");
        }
    }
    let (id, lease, attempts) = (job.id, job.lease, job.attempts);
    let config = config.clone();
    let recorded = db
        .write(move |conn| record(conn, id, lease, attempts, outcome, &config))
        .await?;
    if !recorded {
        tracing::warn!(delivery = %id, "webhook delivery: lease lost before its outcome was recorded");
    }
    Ok(())
}

/// The body sent: the event's id, name and time, and its data as stored.
fn body(job: &Job) -> String {
    let text = |value: &str| serde_json::Value::from(value).to_string();
    let occurred_at = job
        .occurred_at
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    format!(
        "{{\"id\":{},\"event\":{},\"occurred_at\":{},\"data\":{}}}",
        job.event_id,
        text(job.event.as_str()),
        text(&occurred_at),
        job.payload
    )
}

fn failed(status_code: Option<u16>, error: impl Into<String>) -> Outcome {
    Outcome::Failed {
        status_code,
        error: error.into(),
    }
}

async fn send(config: &WebhookConfig, settings: WebhookSettings, job: &Job) -> Outcome {
    let url = match address::parse(&job.url) {
        Ok(url) => url,
        Err(refusal) => return failed(None, refusal.message()),
    };
    let addresses = match address::resolve(&url, settings.allow_private_addresses).await {
        Ok(addresses) => addresses,
        Err(refusal) => return failed(None, refusal.message()),
    };
    let body = body(job);
    let signature = match signature::header(&job.secret, Utc::now().timestamp(), &body) {
        Ok(signature) => signature,
        Err(error) => return failed(None, error.to_string()),
    };
    let mut client = reqwest::Client::builder()
        .timeout(config.timeout)
        // A redirect could lead to an address that was never checked.
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("Innovaction-Webhooks/", env!("CARGO_PKG_VERSION")));
    let host = url.host_str().unwrap_or_default();
    if host.parse::<IpAddr>().is_err() && !host.starts_with('[') {
        // Connect to the addresses just checked, not to a second lookup's.
        client = client.resolve_to_addrs(host, &addresses);
    }
    let client = match client.build() {
        Ok(client) => client,
        Err(error) => return failed(None, error_chain(&error)),
    };
    let sent = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Innovaction-Event", job.event.as_str())
        .header("X-Innovaction-Delivery", job.id.to_string())
        .header("X-Innovaction-Signature", signature)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) if response.status().is_success() => {
            Outcome::Delivered(response.status().as_u16())
        }
        Ok(response) => {
            let code = response.status().as_u16();
            failed(
                Some(code),
                format!("the receiver answered {}", response.status()),
            )
        }
        Err(error) if error.is_timeout() => failed(
            None,
            format!("no answer within {} s", config.timeout.as_secs_f32()),
        ),
        Err(error) => failed(None, error_chain(&error)),
    }
}

/// The error with its causes: reqwest's own message rarely says why.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(ERROR_MAX_CHARS).collect()
}

/// The delay before attempt `attempts + 1`, after `attempts` failures:
/// base × 2^(attempts − 1), capped.
pub fn backoff(config: &WebhookConfig, attempts: u32) -> Duration {
    let factor = 2_u32
        .checked_pow(attempts.saturating_sub(1))
        .unwrap_or(u32::MAX);
    config
        .retry_base
        .saturating_mul(factor)
        .min(config.retry_cap)
}

/// Writes the outcome if this worker still holds the lease; `false` when
/// another took the delivery over.
fn record(
    conn: &mut DbConnection,
    id: DeliveryId,
    lease: NaiveDateTime,
    attempts_before: i32,
    outcome: Outcome,
    config: &WebhookConfig,
) -> ApiResult<bool> {
    let attempts = attempts_before.saturating_add(1);
    let now = now();
    let mine = webhook_deliveries::table
        .find(id)
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
        .filter(webhook_deliveries::next_attempt_at.eq(lease));
    let updated = match outcome {
        Outcome::Delivered(code) => diesel::update(mine)
            .set((
                webhook_deliveries::status.eq(DeliveryStatus::Delivered),
                webhook_deliveries::attempts.eq(attempts),
                webhook_deliveries::last_status_code.eq(Some(i32::from(code))),
                webhook_deliveries::last_error.eq(None::<String>),
                webhook_deliveries::next_attempt_at.eq(None::<NaiveDateTime>),
                webhook_deliveries::delivered_at.eq(Some(now)),
            ))
            .execute(conn)?,
        Outcome::Failed { status_code, error } => {
            let given_up = u32::try_from(attempts).unwrap_or(u32::MAX) >= config.max_attempts;
            let (status, next) = if given_up {
                (DeliveryStatus::Failed, None)
            } else {
                let delay = backoff(config, u32::try_from(attempts).unwrap_or(u32::MAX));
                let delay = chrono::Duration::from_std(delay)
                    .unwrap_or_else(|_| chrono::Duration::hours(1));
                (DeliveryStatus::Pending, Some(stored_time(now + delay)))
            };
            diesel::update(mine)
                .set((
                    webhook_deliveries::status.eq(status),
                    webhook_deliveries::attempts.eq(attempts),
                    webhook_deliveries::last_status_code.eq(status_code.map(i32::from)),
                    webhook_deliveries::last_error.eq(Some(error)),
                    webhook_deliveries::next_attempt_at.eq(next),
                ))
                .execute(conn)?
        }
        Outcome::Abandoned(error) => diesel::update(mine)
            .set((
                webhook_deliveries::status.eq(DeliveryStatus::Failed),
                webhook_deliveries::last_error.eq(Some(error)),
                webhook_deliveries::next_attempt_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
    };
    Ok(updated == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_the_cap() {
        let config = WebhookConfig {
            worker: true,
            poll_interval: Duration::from_secs(1),
            retry_base: Duration::from_secs(30),
            retry_cap: Duration::from_secs(3600),
            max_attempts: 8,
            timeout: Duration::from_secs(10),
        };
        let delays: Vec<u64> = (1..=9).map(|n| backoff(&config, n).as_secs()).collect();
        assert_eq!(delays, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(&config, 200).as_secs(), 3600);
    }
}
