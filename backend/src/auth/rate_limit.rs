//! Login throttling. Kept in memory: behind several instances each enforces
//! its own share, which still bounds guessing to a small multiple of the
//! configured rates.
//!
//! - Per client address, every attempt counts (a token bucket, governor).
//! - Per account, only failed attempts count: colleagues signing in all day
//!   are never locked out, while guessing one account's password is limited
//!   to a few tries per quarter of an hour.

use crate::config::AuthConfig;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The window failed attempts on one account are counted over.
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Clone)]
pub struct LoginLimiter {
    per_ip: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    failures: Arc<FailureLog>,
}

impl LoginLimiter {
    pub fn new(config: &AuthConfig) -> Self {
        let per_ip = NonZeroU32::new(config.login_per_ip_per_minute).unwrap_or(NonZeroU32::MIN);
        Self {
            per_ip: Arc::new(RateLimiter::keyed(Quota::per_minute(per_ip))),
            failures: Arc::new(FailureLog::new(
                config.login_per_account_per_quarter_hour.max(1) as usize,
                FAILURE_WINDOW,
            )),
        }
    }

    /// Before checking a password: `Err(seconds)` to wait when the address
    /// has made too many attempts or the account has failed too often.
    pub fn check(&self, ip: IpAddr, account: &str) -> Result<(), u64> {
        if self.per_ip.len() > 10_000 {
            self.per_ip.retain_recent();
        }
        let clock = DefaultClock::default();
        self.per_ip
            .check_key(&ip)
            .map_err(|not_until| not_until.wait_time_from(clock.now()).as_secs() + 1)?;
        self.failures.check(account, Instant::now())
    }

    /// After a wrong password (or an unknown account).
    pub fn record_failure(&self, account: &str) {
        self.failures.record(account, Instant::now());
    }
}

/// Failed attempts per account over a sliding window.
pub struct FailureLog {
    allowed: usize,
    window: Duration,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl FailureLog {
    pub fn new(allowed: usize, window: Duration) -> Self {
        Self {
            allowed,
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds)` until the oldest counted failure leaves the window.
    pub fn check(&self, account: &str, now: Instant) -> Result<(), u64> {
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(log) = attempts.get_mut(account) else {
            return Ok(());
        };
        while log
            .front()
            .is_some_and(|first| now.duration_since(*first) >= self.window)
        {
            log.pop_front();
        }
        match log.front() {
            Some(oldest) if log.len() >= self.allowed => {
                let wait = self.window.saturating_sub(now.duration_since(*oldest));
                Err(wait.as_secs() + 1)
            }
            _ => Ok(()),
        }
    }

    pub fn record(&self, account: &str, now: Instant) {
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if attempts.len() > 10_000 {
            let window = self.window;
            attempts.retain(|_, log| {
                log.back()
                    .is_some_and(|last| now.duration_since(*last) < window)
            });
        }
        attempts
            .entry(account.to_owned())
            .or_default()
            .push_back(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failures_count_and_they_expire() {
        let log = FailureLog::new(3, Duration::from_secs(60));
        let start = Instant::now();
        assert!(log.check("a@b.fr", start).is_ok());
        for _ in 0..3 {
            log.record("a@b.fr", start);
        }
        let wait = log
            .check("a@b.fr", start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, 51);
        assert!(
            log.check("other@b.fr", start).is_ok(),
            "other accounts are not affected"
        );
        assert!(
            log.check("a@b.fr", start + Duration::from_secs(60)).is_ok(),
            "the window slides"
        );
    }
}
