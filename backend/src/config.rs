//! Configuration, read once from the environment (see `.env.example`).

use anyhow::{bail, Context};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub auth: AuthConfig,
    pub data_dir: PathBuf,
    pub webhooks: WebhookConfig,
}

/// How webhook deliveries are sent and retried.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Run the delivery worker in this process (`WEBHOOK_WORKER`). Events
    /// are recorded either way; any instance with the worker sends them.
    pub worker: bool,
    /// How often the worker looks for due deliveries.
    pub poll_interval: Duration,
    /// Delay before the first retry; each next one doubles it.
    pub retry_base: Duration,
    /// The longest delay between two attempts.
    pub retry_cap: Duration,
    /// Attempts before a delivery is given up as failed.
    pub max_attempts: u32,
    /// How long a receiver has to answer.
    pub timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    /// Where the built web app lives; absent means API only.
    pub static_dir: PathBuf,
    /// Largest JSON body accepted, in bytes.
    pub json_limit: usize,
    /// Honour `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    /// HTTP worker threads.
    pub workers: usize,
    /// Largest attached document, in bytes.
    pub max_upload_bytes: usize,
    /// Origins of other web apps (a partner's portal) allowed to call the API
    /// from a browser (CORS). Empty: none, the API answers its own app only.
    pub cors_allowed_origins: Vec<String>,
    /// Time a client has to send a request's headers before the connection
    /// is closed with 408.
    pub client_request_timeout: Duration,
    /// Time a client has to send a JSON body once its headers are in (408).
    pub request_body_timeout: Duration,
    /// The address users reach the app at, for links sent by e-mail
    /// (`PUBLIC_URL`); without it, the address of the request.
    pub public_url: Option<String>,
    /// Where e-mail goes out (`SMTP_HOST`); without it nothing is e-mailed
    /// and invitation links are shown to the admin instead.
    pub smtp: Option<SmtpConfig>,
    /// Run the daily reminders in this process, every hour
    /// (`REMINDER_WORKER`); `innovaction send-reminders` runs them once.
    pub reminders: bool,
}

/// A relay on the town's network: plain SMTP, the relay handles delivery
/// (and TLS) to the outside.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub from: String,
}

#[derive(Clone)]
pub struct DatabaseConfig {
    pub url: DatabaseUrl,
    pub pool_size: u32,
    /// How long a request waits for a connection before answering 503.
    pub connect_timeout: Duration,
}

impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &self.url.redacted())
            .field("pool_size", &self.pool_size)
            .finish()
    }
}

/// The database, chosen by the URL's scheme alone: a PostgreSQL URL whose
/// server is down is an error, never a reason to fall back to SQLite.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(PathBuf),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Ok(Self::Postgres(raw.to_owned()))
        } else if let Some(path) = raw.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else if let Some(path) = raw.strip_prefix("sqlite:") {
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else {
            bail!("DATABASE_URL must start with postgres://, postgresql:// or sqlite:// (got a value with another scheme)")
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Postgres(_) => "postgres",
            Self::Sqlite(_) => "sqlite",
        }
    }

    /// The URL without its password, for logs and messages.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(url) => redact_password(url),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_owned(),
    }
}

#[derive(Clone)]
pub struct AuthConfig {
    /// HMAC key for access tokens (HS256).
    pub jwt_secret: Vec<u8>,
    pub issuer: String,
    pub audience: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// Login attempts allowed per client IP per minute.
    pub login_per_ip_per_minute: u32,
    /// Failed logins allowed per account per 15 minutes.
    pub login_per_account_per_quarter_hour: u32,
    /// Password hashes computed at once (each takes 19 MiB and a core).
    pub hashing_concurrency: usize,
    /// Requests allowed per API key per minute.
    pub api_key_per_minute: u32,
}

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field("jwt_secret", &"<redacted>")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

pub const ISSUER: &str = "innovaction";
pub const AUDIENCE: &str = "innovaction-api";

impl Config {
    /// Reads the environment. Secrets not given are generated once and kept
    /// in the data directory (mode 0600), so restarts keep sessions valid.
    pub fn from_env() -> anyhow::Result<Self> {
        let data_dir = PathBuf::from(env_or("DATA_DIR", "./data"));
        let url = match std::env::var("DATABASE_URL") {
            Ok(raw) if !raw.trim().is_empty() => DatabaseUrl::parse(raw.trim())?,
            _ => DatabaseUrl::Sqlite(data_dir.join("innovaction.db")),
        };
        let bind = env_or("BIND", "127.0.0.1:8080")
            .parse()
            .context("BIND must be an address like 127.0.0.1:8080")?;
        let jwt_secret = match (
            std::env::var("JWT_SECRET"),
            std::env::var("JWT_SECRET_FILE"),
        ) {
            (Ok(secret), _) if !secret.is_empty() => {
                if secret.len() < 32 {
                    bail!("JWT_SECRET must be at least 32 characters long");
                }
                secret.into_bytes()
            }
            (_, Ok(path)) if !path.is_empty() => crate::secrets::load_or_create(Path::new(&path))?,
            _ => crate::secrets::load_or_create(&data_dir.join("jwt-secret"))?,
        };
        Ok(Self {
            server: ServerConfig {
                bind,
                static_dir: PathBuf::from(env_or("STATIC_DIR", "frontend/dist")),
                json_limit: parse_env("JSON_LIMIT_BYTES", 1024 * 1024)?,
                trust_proxy: parse_env("TRUST_PROXY", false)?,
                max_upload_bytes: parse_env("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)?,
                cors_allowed_origins: parse_origins(&env_or("CORS_ALLOWED_ORIGINS", ""))?,
                client_request_timeout: Duration::from_millis(parse_env(
                    "CLIENT_REQUEST_TIMEOUT_MS",
                    5000,
                )?),
                request_body_timeout: Duration::from_millis(parse_env(
                    "REQUEST_BODY_TIMEOUT_MS",
                    30_000,
                )?),
                public_url: std::env::var("PUBLIC_URL")
                    .ok()
                    .filter(|u| !u.trim().is_empty()),
                smtp: match std::env::var("SMTP_HOST")
                    .ok()
                    .filter(|h| !h.trim().is_empty())
                {
                    Some(host) => Some(SmtpConfig {
                        host,
                        port: parse_env("SMTP_PORT", 25)?,
                        from: env_or("SMTP_FROM", "innovaction@localhost"),
                    }),
                    None => None,
                },
                reminders: parse_env("REMINDER_WORKER", true)?,
                workers: parse_env(
                    "WORKERS",
                    std::thread::available_parallelism().map_or(2, |n| n.get()),
                )?,
            },
            database: DatabaseConfig {
                url,
                pool_size: parse_env("DATABASE_POOL_SIZE", 10)?,
                connect_timeout: Duration::from_millis(parse_env("DATABASE_TIMEOUT_MS", 3000)?),
            },
            auth: AuthConfig {
                jwt_secret,
                issuer: ISSUER.to_owned(),
                audience: AUDIENCE.to_owned(),
                access_token_ttl: Duration::from_secs(
                    parse_env("ACCESS_TOKEN_TTL_SECS", 900)?.min(900),
                ),
                refresh_token_ttl: Duration::from_secs(
                    parse_env::<u64>("REFRESH_TOKEN_TTL_DAYS", 14)? * 24 * 3600,
                ),
                login_per_ip_per_minute: parse_env("LOGIN_RATE_PER_IP_PER_MINUTE", 60)?,
                api_key_per_minute: parse_env("API_KEY_RATE_PER_MINUTE", 600)?,
                login_per_account_per_quarter_hour: parse_env("LOGIN_RATE_PER_ACCOUNT", 10)?,
                hashing_concurrency: parse_env(
                    "PASSWORD_HASHING_CONCURRENCY",
                    std::thread::available_parallelism().map_or(2, |n| n.get()),
                )?,
            },
            data_dir,
            webhooks: WebhookConfig {
                worker: parse_env("WEBHOOK_WORKER", true)?,
                poll_interval: Duration::from_millis(parse_env("WEBHOOK_POLL_MS", 1000)?),
                retry_base: Duration::from_millis(parse_env("WEBHOOK_RETRY_BASE_MS", 30_000)?),
                retry_cap: Duration::from_secs(parse_env("WEBHOOK_RETRY_CAP_SECS", 3600)?),
                max_attempts: parse_env::<u32>("WEBHOOK_MAX_ATTEMPTS", 8)?.max(1),
                timeout: Duration::from_secs(parse_env("WEBHOOK_TIMEOUT_SECS", 10)?),
            },
        })
    }
}

/// `https://portal.example.org, http://localhost:3000`: origins exactly as
/// browsers send them (scheme, host, optional port; no path, no wildcard).
pub fn parse_origins(raw: &str) -> anyhow::Result<Vec<String>> {
    raw.split(',')
        .map(str::trim)
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            match rest {
                Some(host)
                    if !host.is_empty()
                        && host.chars().all(|c| {
                            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')
                        }) =>
                {
                    Ok(origin.to_ascii_lowercase())
                }
                _ => bail!(
                    "CORS_ALLOWED_ORIGINS: {origin:?} is not an origin like https://portal.example.org"
                ),
            }
        })
        .collect()
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}

fn parse_env<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match std::env::var(name) {
        Ok(raw) if !raw.trim().is_empty() => raw
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} has an invalid value: {raw:?}")),
        _ => Ok(default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_scheme_only() {
        assert!(matches!(
            DatabaseUrl::parse("postgres://u:p@db/x").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
        assert!(matches!(
            DatabaseUrl::parse("postgresql://db/x").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/a.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("data/a.db"))
        );
        assert!(DatabaseUrl::parse("mysql://db/x").is_err());
        assert!(DatabaseUrl::parse("data/a.db").is_err());
    }

    #[test]
    fn cors_origins_are_exact_origins() {
        assert_eq!(
            parse_origins(" https://Portal.example.org, http://localhost:3000 ,").unwrap(),
            ["https://portal.example.org", "http://localhost:3000"]
        );
        assert!(parse_origins("").unwrap().is_empty());
        for refused in [
            "*",
            "portal.example.org",
            "https://portal.example.org/",
            "https://",
        ] {
            assert!(parse_origins(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn passwords_never_reach_logs() {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db:5432/x").unwrap();
        assert_eq!(url.redacted(), "postgres://app:***@db:5432/x");
        assert!(!format!(
            "{:?}",
            DatabaseConfig {
                url,
                pool_size: 1,
                connect_timeout: Duration::from_secs(1)
            }
        )
        .contains("s3cret"));
    }
}
