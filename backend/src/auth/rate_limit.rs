//! Login throttling per client address and per account. Kept in memory:
//! behind several instances each enforces its own share, which still
//! bounds guessing to a small multiple of the configured rate.

use crate::config::AuthConfig;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct LoginLimiter {
    per_ip: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    per_account: Arc<DefaultKeyedRateLimiter<String>>,
}

impl LoginLimiter {
    pub fn new(config: &AuthConfig) -> Self {
        let per_ip = NonZeroU32::new(config.login_per_ip_per_minute).unwrap_or(NonZeroU32::MIN);
        let per_account =
            NonZeroU32::new(config.login_per_account_per_quarter_hour).unwrap_or(NonZeroU32::MIN);
        let account_period = Duration::from_secs(15 * 60) / per_account.get();
        Self {
            per_ip: Arc::new(RateLimiter::keyed(Quota::per_minute(per_ip))),
            per_account: Arc::new(RateLimiter::keyed(
                Quota::with_period(account_period)
                    .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
                    .allow_burst(per_account),
            )),
        }
    }

    /// `Err(seconds)` to wait when either limit is exhausted.
    pub fn check(&self, ip: IpAddr, account: &str) -> Result<(), u64> {
        self.forget_idle_keys();
        let clock = DefaultClock::default();
        let wait =
            |not_until: governor::NotUntil<_>| not_until.wait_time_from(clock.now()).as_secs() + 1;
        self.per_ip.check_key(&ip).map_err(wait)?;
        self.per_account
            .check_key(&account.to_owned())
            .map_err(wait)
    }

    fn forget_idle_keys(&self) {
        if self.per_ip.len() > 10_000 {
            self.per_ip.retain_recent();
        }
        if self.per_account.len() > 10_000 {
            self.per_account.retain_recent();
        }
    }
}
